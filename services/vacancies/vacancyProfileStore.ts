import type { EventStore } from '../event-store/eventStore';
import { appendVersion } from '../templates/versionedStreams';
import { eventAt, lastEvent } from '../event-store/lastEvent';

export const vacancyProfileStreamName = (organisationId: string, profileId: string): string =>
  `vacancyprofile-${organisationId}.${profileId}`;

/**
 * Stage 1, profielbepaling (shared/domain.md): what is expected of the new colleague, which talents are asked and
 * what the organisation offers, with the learning-line template that follows from it and one contact person during
 * and after recruitment (RvdK). A hire registered against a profile takes its role, team, location and template.
 */
export interface VacancyProfile {
  readonly id: string;
  readonly organisationId: string;
  readonly version: number;
  readonly role: string;
  readonly team?: string;
  readonly location?: string;
  /** Wat er van de nieuwe collega verwacht wordt. */
  readonly expectations: readonly string[];
  /** Welke talenten gevraagd worden. */
  readonly talents: readonly string[];
  /** Wat de organisatie biedt. */
  readonly offer: readonly string[];
  /** The journey template (learning line) a hire on this profile starts from. */
  readonly templateId: string;
  /** Person reference (never a name) of the one contact person during and after recruitment. */
  readonly contactPersonRef?: string;
}

export class VacancyProfileNotFoundError extends Error {
  constructor(
    readonly organisationId: string,
    readonly profileId: string,
  ) {
    super(`Organisation ${organisationId} has no vacancy profile "${profileId}"`);
    this.name = 'VacancyProfileNotFoundError';
  }
}

/** `latest` is the newest version when the define lost a race (or the version was not the next one). */
export class VacancyProfileVersionConflictError extends Error {
  constructor(
    readonly profileId: string,
    readonly latest: number,
  ) {
    super(`Vacancy profile "${profileId}" is at version ${latest}; the next is ${latest + 1}`);
    this.name = 'VacancyProfileVersionConflictError';
  }
}

/** Vacancy profiles, versioned as `VacancyProfileDefined` events: version n lands on revision n-1. */
export class VacancyProfileStore {
  constructor(private readonly store: EventStore) {}

  /** Defines version 1 or publishes the next version; any other version is stale. A retry of the same content is a no-op. */
  async define(profile: VacancyProfile, actor: string): Promise<VacancyProfile> {
    const stream = vacancyProfileStreamName(profile.organisationId, profile.id);
    const data = canonical(profile);
    const latest = await this.latestVersion(profile.organisationId, profile.id);
    if (profile.version !== latest + 1) {
      // The same version with the same content again is a retry, answered with what is stored.
      const stored =
        profile.version === latest ? await this.version(profile.organisationId, profile.id, latest) : undefined;
      if (stored && JSON.stringify(canonical(stored)) === JSON.stringify(data)) return stored;
      throw new VacancyProfileVersionConflictError(profile.id, latest);
    }
    const conflict = async () =>
      new VacancyProfileVersionConflictError(profile.id, await this.latestVersion(profile.organisationId, profile.id));
    await appendVersion(
      this.store,
      stream,
      {
        version: profile.version,
        type: 'VacancyProfileDefined',
        data: { ...data },
        content: data,
        organisationId: profile.organisationId,
        actor,
      },
      conflict,
    );
    // The store drops a second append with the same event id as a retry: reading back tells a lost race from a won one.
    const stored = await this.version(profile.organisationId, profile.id, profile.version);
    if (!stored || JSON.stringify(canonical(stored)) !== JSON.stringify(data)) throw await conflict();
    return stored;
  }

  async latest(organisationId: string, profileId: string): Promise<VacancyProfile> {
    const event = await lastEvent(this.store, vacancyProfileStreamName(organisationId, profileId));
    if (event) {
      return event.data as unknown as VacancyProfile;
    }
    throw new VacancyProfileNotFoundError(organisationId, profileId);
  }

  /** The newest version of each of the organisation's profiles. */
  async list(organisationId: string): Promise<VacancyProfile[]> {
    const profiles = new Map<string, VacancyProfile>();
    for await (const event of this.store.readAll({ streamPrefixes: [vacancyProfileStreamName(organisationId, '')] })) {
      if (event.type !== 'VacancyProfileDefined') continue;
      const profile = event.data as unknown as VacancyProfile;
      const known = profiles.get(profile.id);
      if (!known || known.version < profile.version) profiles.set(profile.id, profile);
    }
    return [...profiles.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** 0 when the profile was never defined. */
  private async latestVersion(organisationId: string, profileId: string): Promise<number> {
    try {
      return (await this.latest(organisationId, profileId)).version;
    } catch (error) {
      if (error instanceof VacancyProfileNotFoundError) return 0;
      throw error;
    }
  }

  /** One version as it was defined (the one a hire was registered on); undefined when there is none. */
  async version(organisationId: string, profileId: string, version: number): Promise<VacancyProfile | undefined> {
    const event = await eventAt(this.store, vacancyProfileStreamName(organisationId, profileId), BigInt(version - 1));
    return event?.data as unknown as VacancyProfile | undefined;
  }
}

/** Fixed key order, unset optionals left out: the same profile always serialises the same way. */
function canonical(profile: VacancyProfile): VacancyProfile {
  return {
    id: profile.id,
    organisationId: profile.organisationId,
    version: profile.version,
    role: profile.role,
    ...(profile.team === undefined ? {} : { team: profile.team }),
    ...(profile.location === undefined ? {} : { location: profile.location }),
    expectations: [...profile.expectations],
    talents: [...profile.talents],
    offer: [...profile.offer],
    templateId: profile.templateId,
    ...(profile.contactPersonRef === undefined ? {} : { contactPersonRef: profile.contactPersonRef }),
  };
}
