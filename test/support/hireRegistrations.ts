import { randomUUID } from 'node:crypto';
import { rvdkTemplate } from '../../workflows/domain/defaultTemplates';
import type { ApiSend } from './apiRequest';
import { readJson } from './httpAnswers';
import { waitFor } from './waitFor';

/** A person the journey mails, as POST /hires takes them. */
export interface MailedPerson {
  readonly displayName: string;
  readonly email: string;
  readonly language: string;
}

/**
 * The registration most suites make: a youth-care worker in Tiel on the RvdK template, in Team Rivierenland unless
 * `fields` name another team; `fields` add the people (newHire, manager) the test reads mail of.
 */
export function hireInTiel(
  hireId: string,
  startDate: string,
  fields: { readonly team?: string } & Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    hireId,
    startDate,
    role: 'Jeugdzorgwerker',
    team: 'Team Rivierenland',
    location: 'Tiel',
    templateId: rvdkTemplate.id,
    ...fields,
  };
}

/**
 * A hire of Team Noord whose manager (`mgr-<hireId>`) the journey mails at its start, the new hire with an address of
 * their own: what the suites about the manager's and the team's mail register.
 */
export function teamNoordHireWithManager(
  hireId: string,
  startDate: string,
  manager: MailedPerson,
  newHireName: string,
): Record<string, unknown> {
  return {
    hireId,
    startDate,
    role: 'Jeugdzorgwerker',
    team: 'Team Noord',
    managerRef: `mgr-${hireId}`,
    manager,
    newHire: { displayName: newHireName, email: `${hireId}@voorbeeld.test`, language: 'nl' },
  };
}

/** Registers a hire through the API; anything but 201 fails the test there, not at a later wait for mail. */
export async function registerHire(send: ApiSend, registration: Record<string, unknown>): Promise<void> {
  const registered = await send('POST', '/hires', registration);
  expect(registered.status).toBe(201);
}

/**
 * A mentor offer as PUT /mentors/{mentorRef} takes it: active, in Tiel, ten years in the field, room for three
 * mentees at 20 hours a week, unless `fields` say otherwise.
 */
export function mentorInTiel(team: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    team,
    location: 'Tiel',
    experienceYears: 10,
    hoursPerWeekAvailable: 20,
    maxMentees: 3,
    active: true,
    ...fields,
  };
}

/**
 * Offers a mentor in Team Rivierenland in Tiel with room for the suites' hires (20 hours, three mentees), so a
 * journey of that team asks them; anything but 200 fails the test there.
 */
export async function offerRivierenlandMentor(
  send: ApiSend,
  mentorRef: string,
  mentor: { readonly displayName: string; readonly email: string; readonly experienceYears: number },
): Promise<void> {
  const offered = await send('PUT', `/mentors/${mentorRef}`, {
    team: 'Team Rivierenland',
    location: 'Tiel',
    experienceYears: mentor.experienceYears,
    hoursPerWeekAvailable: 20,
    maxMentees: 3,
    active: true,
    contact: { displayName: mentor.displayName, email: mentor.email },
  });
  expect(offered.status).toBe(200);
}

/**
 * A new hire in Team Rivierenland with a mentor of that team offered first: the mentor is in the pool before the
 * journey starts, so the journey asks them and mails them the request.
 */
export async function registerHireWithMentor(
  send: ApiSend,
  hire: { readonly hireId: string; readonly startDate: string; readonly newHire: MailedPerson },
  mentor: {
    readonly mentorRef: string;
    readonly displayName: string;
    readonly email: string;
    readonly experienceYears: number;
  },
): Promise<void> {
  await offerRivierenlandMentor(send, mentor.mentorRef, mentor);
  await registerHire(send, hireInTiel(hire.hireId, hire.startDate, { newHire: hire.newHire }));
}

/**
 * HR says yes for the mentor the journey asked, once it has asked them, so that a suite about what follows starts
 * from an accepted pairing; anything but 200 fails the test there.
 */
export async function acceptForAskedMentor(send: ApiSend, hireId: string, mentorRef: string): Promise<void> {
  await waitFor(
    async () => (await readJson(await send('GET', `/hires/${hireId}`))) as { mentor?: { status: string } },
    (view) => view.mentor?.status === 'asked',
    30_000,
  );
  const accepted = await send(
    'POST',
    `/hires/${hireId}/mentor-answer`,
    { mentorRef, accept: true },
    { 'idempotency-key': randomUUID() },
  );
  expect(accepted.status).toBe(200);
}
