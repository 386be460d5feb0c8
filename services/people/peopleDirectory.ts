import type { MentorIntroduction } from './mentorIntroductions';
import type { PlanChangeReason } from './planChangeReasons';
import type { TeamWelcomeMessage } from './teamWelcomeMessages';

/**
 * Names and mail addresses of the people around a hire. Personal data lives here, outside the event streams,
 * so the streams carry only person references and one person's erasure removes it (AVG/GDPR).
 * Team mailboxes (HR, IT, facilities, the team) are entries under `role:<role>`.
 */
export interface Contact {
  readonly organisationId: string;
  readonly personRef: string;
  readonly displayName: string;
  readonly email: string;
  readonly language: 'nl' | 'en';
}

export const roleMailboxRef = (role: string): string => `role:${role}`;

/**
 * The people directory as every process sees it (API, worker, inbound consumer, HRIS connector), whichever adapter
 * holds it: the embedded SQLite file (sqlitePeopleDirectory.ts) or PostgreSQL shared by replicas
 * (postgresPeopleDirectory.ts). Every answer is a promise, so a caller is written once for both.
 */
export interface PeopleDirectory {
  /** New details given for the person: kept, even for someone erased before (whose erasure they end). */
  upsert(contact: Contact): Promise<void>;
  /**
   * Details from a replay of an earlier request: kept unless the person was erased since. Checked and written at
   * once, so an erasure by another process lands either before (nothing written) or after (erased).
   */
  upsertUnlessErased(contact: Contact): Promise<void>;
  find(organisationId: string, personRef: string): Promise<Contact | undefined>;
  /**
   * The person's details, what they wrote as a mentor and what was written for them as a hire (introductions,
   * team welcomes, plan change reasons), gone from the store when this resolves. Idempotent.
   */
  erase(organisationId: string, personRef: string): Promise<void>;
  /** Kept here so that erase() removes it with the person (services/people/mentorIntroductions.ts). */
  saveMentorIntroduction(introduction: MentorIntroduction): Promise<void>;
  mentorIntroduction(key: { organisationId: string; hireId: string; mentorRef: string }): Promise<string | undefined>;
  /** Kept here so that erase() of the hire removes them (services/people/teamWelcomeMessages.ts). */
  saveTeamWelcomeMessage(
    hire: { organisationId: string; hireId: string },
    message: { authorName: string; text: string; writtenAt: Date },
  ): Promise<TeamWelcomeMessage>;
  /** Oldest first: the order the team wrote them in. */
  teamWelcomeMessages(hire: { organisationId: string; hireId: string }): Promise<TeamWelcomeMessage[]>;
  /** Kept here so that erase() of the hire removes them (services/people/planChangeReasons.ts). */
  savePlanChangeReason(reason: PlanChangeReason): Promise<void>;
  /** In order of change id. */
  planChangeReasons(hire: { organisationId: string; hireId: string }): Promise<{ changeId: string; reason: string }[]>;
}

/**
 * Everything a directory holds, as it holds it (what was erased by reference only): what a deployment moving to
 * DATABASE_URL carries from its SQLite file into PostgreSQL on the first start (openPeopleDirectory.ts).
 */
export interface PeopleDirectoryContents {
  readonly contacts: readonly Contact[];
  readonly erasures: readonly { readonly organisationId: string; readonly personRef: string }[];
  readonly mentorIntroductions: readonly MentorIntroduction[];
  readonly teamWelcomeMessages: readonly (TeamWelcomeMessage & {
    readonly organisationId: string;
    readonly hireId: string;
  })[];
  readonly planChangeReasons: readonly PlanChangeReason[];
}
