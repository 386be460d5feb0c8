import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { teamWelcomeWrittenSignal } from '../../workflows/hireJourneyContract';
import { organisationOf } from '../auth/principal';
import { TeamWelcomeLinkRefused, type TeamWelcomeLinks, type TeamWelcomeTarget } from '../auth/teamWelcomeLinks';
import type { IsoDate } from '../../workflows/domain/calendar';
import type { EventStore } from '../event-store/eventStore';
import { hireStreamName } from '../event-store/streamNames';
import type { PeopleDirectory } from '../people/peopleDirectory';
import type { Logger } from '../shared/logger';
import { jsonBodies } from '../http/jsonBodies';
import type { OperationGuard } from './operationGuard';
import { tellJourney } from './tellJourney';
import { refuseHireWithoutHistory } from './hireNotFound';
import { Problem } from '../problems/problem';
import type { RequestValidator } from '../http/requestValidator';

type Schemas = components['schemas'];
type Messages = Pick<PeopleDirectory, 'find' | 'saveTeamWelcomeMessage' | 'teamWelcomeMessages'>;

const REFUSALS = {
  invalid: () => new Problem(401, 'team-welcome-link-invalid'),
  expired: () => new Problem(410, 'team-welcome-link-expired'),
} as const;

/**
 * The team's welcome page, before authentication: the link the manager forwarded is the credential, for anyone who
 * has it, until day one. Nothing here logs a token, a name or a text.
 */
export function teamWelcomeLinkRouter(deps: {
  links?: TeamWelcomeLinks;
  store: EventStore;
  messages: Messages;
  client: Client;
  validator: RequestValidator;
  logger: Logger;
}): Router {
  const router = Router();
  const target = async (token: string) => {
    if (!deps.links) throw REFUSALS.invalid();
    try {
      return await deps.links.verify(token, (hire) => currentStartDate(deps.store, hire));
    } catch (error) {
      throw error instanceof TeamWelcomeLinkRefused ? REFUSALS[error.reason]() : error;
    }
  };

  router.post(
    '/team-welcome/invitation',
    ...jsonBodies(),
    deps.validator.middleware('openTeamWelcome'),
    async (req, res) => {
      const hire = await target((req.body as Schemas['TeamWelcomeLinkToken']).token);
      res.setHeader('Cache-Control', 'no-store');
      res.json({
        organisationId: hire.organisationId,
        hireName: (await deps.messages.find(hire.organisationId, hire.hireId))?.displayName ?? '',
        startDate: hire.startDate,
        expiresAt: hire.expiresAt.toISOString(),
      } satisfies Schemas['TeamWelcomeInvitationView']);
    },
  );

  router.post(
    '/team-welcome/messages',
    ...jsonBodies(),
    deps.validator.middleware('writeTeamWelcome'),
    async (req, res) => {
      const { token, authorName, text } = req.body as Schemas['TeamWelcomeSubmission'];
      const hire = await target(token);
      const saved = await deps.messages.saveTeamWelcomeMessage(hire, { authorName, text, writtenAt: new Date() });
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json({ messageId: saved.messageId } satisfies Schemas['TeamWelcomeReceipt']);
      // The journey's record of the message is its id only.
      await tellJourney(deps, hire, 'traject niet verteld dat het team een welkom schreef', teamWelcomeWrittenSignal, {
        messageId: saved.messageId,
      });
    },
  );
  return router;
}

/** `GET /hires/{hireId}/team-welcome-messages`: for the new hire's welcome page, and for HR and the manager. */
export function teamWelcomeMessagesRouter(deps: {
  guard: OperationGuard;
  messages: Messages;
  store: EventStore;
}): Router {
  const router = Router();
  router.get(
    '/hires/:hireId/team-welcome-messages',
    deps.guard.middleware('listTeamWelcomeMessages'),
    async (req, res) => {
      const hire = { organisationId: organisationOf(req), hireId: (req.params as { hireId: string }).hireId };
      await refuseHireWithoutHistory(deps.store, hire);
      const items = await deps.messages.teamWelcomeMessages(hire);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ items } satisfies Schemas['TeamWelcomeMessageList']);
    },
  );
  return router;
}

/** The start date the hire's stream holds now (registration, the journey's start, every change since). */
async function currentStartDate(store: EventStore, hire: TeamWelcomeTarget): Promise<IsoDate | undefined> {
  let startDate: IsoDate | undefined;
  for await (const event of store.readStream(hireStreamName(hire))) {
    const data = event.data as { startDate?: unknown; to?: unknown };
    const moved = event.type === 'StartDateChanged' ? data.to : data.startDate;
    if (
      (event.type === 'HireRegistered' || event.type === 'JourneyStarted' || event.type === 'StartDateChanged') &&
      typeof moved === 'string'
    )
      startDate = moved;
  }
  return startDate;
}
