import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { hireJourneyWorkflowId, teamWelcomeWrittenSignal } from '../../workflows/hireJourneyContract';
import { organisationOf } from '../auth/principal';
import { TeamWelcomeLinkRefused, type TeamWelcomeLinks } from '../auth/teamWelcomeLinks';
import type { PeopleDirectory } from '../people/peopleDirectory';
import type { Logger } from '../shared/logger';
import { jsonBodies } from './jsonBodies';
import type { OperationGuard } from './operationGuard';
import { Problem } from './problem';
import type { RequestValidator } from './requestValidator';

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
  messages: Messages;
  client: Client;
  validator: RequestValidator;
  logger: Logger;
}): Router {
  const router = Router();
  const target = (token: string) => {
    if (!deps.links) throw REFUSALS.invalid();
    try {
      return deps.links.verify(token);
    } catch (error) {
      throw error instanceof TeamWelcomeLinkRefused ? REFUSALS[error.reason]() : error;
    }
  };

  router.post('/team-welcome/invitation', ...jsonBodies(), deps.validator.middleware('openTeamWelcome'), (req, res) => {
    const hire = target((req.body as Schemas['TeamWelcomeLinkToken']).token);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      organisationId: hire.organisationId,
      hireName: deps.messages.find(hire.organisationId, hire.hireId)?.displayName ?? '',
      startDate: hire.startDate,
      expiresAt: hire.expiresAt.toISOString(),
    } satisfies Schemas['TeamWelcomeInvitationView']);
  });

  router.post(
    '/team-welcome/messages',
    ...jsonBodies(),
    deps.validator.middleware('writeTeamWelcome'),
    async (req, res) => {
      const { token, authorName, text } = req.body as Schemas['TeamWelcomeSubmission'];
      const hire = target(token);
      const saved = deps.messages.saveTeamWelcomeMessage(hire, { authorName, text, writtenAt: new Date() });
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json({ messageId: saved.messageId } satisfies Schemas['TeamWelcomeReceipt']);
      await tellJourney(deps, hire, saved.messageId);
    },
  );
  return router;
}

/** `GET /hires/{hireId}/team-welcome-messages`: for the new hire's welcome page, and for HR and the manager. */
export function teamWelcomeMessagesRouter(deps: { guard: OperationGuard; messages: Messages }): Router {
  const router = Router();
  router.get('/hires/:hireId/team-welcome-messages', deps.guard.middleware('listTeamWelcomeMessages'), (req, res) => {
    const { hireId } = req.params as { hireId: string };
    const items = deps.messages.teamWelcomeMessages({ organisationId: organisationOf(req), hireId });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items } satisfies Schemas['TeamWelcomeMessageList']);
  });
  return router;
}

/** The message is kept whatever happens here; the journey's record of it is the id only. */
async function tellJourney(
  deps: { client: Client; logger: Logger },
  hire: { organisationId: string; hireId: string },
  messageId: string,
): Promise<void> {
  try {
    await deps.client.workflow
      .getHandle(hireJourneyWorkflowId(hire.organisationId, hire.hireId))
      .signal(teamWelcomeWrittenSignal, { messageId });
  } catch (error) {
    deps.logger.warn(
      { reason: error instanceof Error ? error.name : 'unknown' },
      'traject niet verteld dat het team een welkom schreef',
    );
  }
}
