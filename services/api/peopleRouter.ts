import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import type { MentorProfile } from '../../workflows/domain/mentorMatching';
import type { MentorPool } from '../people/mentorPool';
import { type PeopleDirectory, roleMailboxRef } from '../people/peopleDirectory';
import { organisationOf } from '../auth/principal';
import { actorOf } from './actor';
import type { OperationGuard } from './operationGuard';
import { Problem } from '../problems/problem';
import type { SurveyStorage } from '../survey/surveyStorage';

type Schemas = components['schemas'];

/** In the order of the contract's MailboxRole. */
const MAILBOX_ROLES: readonly Schemas['MailboxRole'][] = ['hr', 'it', 'facilities', 'team', 'manager', 'organisation'];

/**
 * The people around a hire: the mentor pool (in the event store, because matching must see every journey's
 * load), role mailboxes and contact details (in the people directory, because they are personal data).
 */
export function peopleRouter(deps: {
  guard: OperationGuard;
  mentorPool: MentorPool;
  directory: PeopleDirectory;
  survey: SurveyStorage;
}): Router {
  const router = Router();
  const { guard, mentorPool, directory } = deps;

  router.get('/mentors', guard.middleware('listMentors'), async (req, res) => {
    const profiles = await mentorPool.profiles(organisationOf(req));
    res.json({ mentors: profiles.map(toMentorProfile) });
  });

  router.get('/mentors/:mentorRef', guard.middleware('getMentor'), async (req, res) => {
    const { mentorRef } = req.params as { mentorRef: string };
    const profile = (await mentorPool.profiles(organisationOf(req))).find((candidate) => candidate.id === mentorRef);
    if (!profile) throw new Problem(404, 'mentor-not-found', { mentorRef });
    res.json(toMentorProfile(profile));
  });

  router.get('/mailboxes', guard.middleware('listMailboxes'), async (req, res) => {
    const organisationId = organisationOf(req);
    const contacts = await Promise.all(
      MAILBOX_ROLES.map(async (role) => ({
        role,
        contact: await directory.find(organisationId, roleMailboxRef(role)),
      })),
    );
    const mailboxes = contacts.flatMap(({ role, contact }) =>
      contact ? [{ role, displayName: contact.displayName, email: contact.email, language: contact.language }] : [],
    );
    res.json({ mailboxes });
  });

  router.put('/mentors/:mentorRef', guard.middleware('offerMentor'), async (req, res) => {
    const organisationId = organisationOf(req);
    const { mentorRef } = req.params as { mentorRef: string };
    const { contact, ...offer } = req.body as Schemas['MentorOffer'];
    if (contact)
      await directory.upsert({ organisationId, personRef: mentorRef, ...contact, language: contact.language ?? 'nl' });
    await mentorPool.offer(organisationId, { id: mentorRef, ...offer }, actorOf(req));
    const profile = (await mentorPool.profiles(organisationId)).find((candidate) => candidate.id === mentorRef)!;
    res.json(toMentorProfile(profile));
  });

  router.put('/mailboxes/:role', guard.middleware('setMailbox'), async (req, res) => {
    const organisationId = organisationOf(req);
    const { role } = req.params as { role: Schemas['MailboxRole'] };
    const contact = req.body as Schemas['ContactDetails'];
    const mailbox = { displayName: contact.displayName, email: contact.email, language: contact.language ?? 'nl' };
    await directory.upsert({ organisationId, personRef: roleMailboxRef(role), ...mailbox });
    res.json({ role, ...mailbox });
  });

  router.delete('/people/:personRef', guard.middleware('erasePerson'), async (req, res) => {
    const { personRef } = req.params as { personRef: string };
    await directory.erase(organisationOf(req), personRef);
    // A new hire's person reference is their hire id: their survey invitation goes, their anonymous answers stay.
    await deps.survey.forgetHire(organisationOf(req), personRef);
    res.status(204).end();
  });

  return router;
}

function toMentorProfile({ id, ...profile }: MentorProfile): Schemas['MentorProfile'] {
  return {
    mentorRef: id,
    team: profile.team,
    location: profile.location,
    experienceYears: profile.experienceYears,
    hoursPerWeekAvailable: profile.hoursPerWeekAvailable,
    maxMentees: profile.maxMentees,
    active: profile.active,
    currentMentees: profile.currentMentees,
    currentHoursPerWeek: profile.currentHoursPerWeek,
  };
}
