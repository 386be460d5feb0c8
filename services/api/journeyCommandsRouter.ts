import { type Request, type RequestHandler, Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import {
  answerMentorRequestUpdate,
  changeLearningLineUpdate,
  changeStartDateUpdate,
  completeItemUpdate,
  endLeaveUpdate,
  logMentorMeetingUpdate,
  recordExitInterviewUpdate,
  registerTerminationUpdate,
  startLeaveUpdate,
  withdrawCandidateUpdate,
} from '../../workflows/hireJourneyContract';
import type { MilestoneChange } from '../../workflows/domain/journeyTemplate';
import { organisationOf, principalOf } from '../auth/principal';
import type { TenantOperation } from '../auth/permissions';
import { actorOf } from './actor';
import type { CommandRequest, JourneyCommands } from './journeyCommands';
import { journeyViewFor } from './journeyViewFor';
import type { OperationGuard } from './operationGuard';
import { refuseUnplannableDates } from '../registration/plannableDates';
import { refuseUnplannableCoffeeMoment } from './coffeeMomentChoice';
import { Problem } from '../problems/problem';
import type { PeopleDirectory } from '../people/peopleDirectory';

type Schemas = components['schemas'];

/** Each command on a running journey: validated against the contract, then one Update; the answer is the view. */
export function journeyCommandsRouter(deps: {
  guard: OperationGuard;
  commands: JourneyCommands;
  /** Where the mentor's introduction is kept (services/people/mentorIntroductions.ts). */
  introductions: Pick<PeopleDirectory, 'saveMentorIntroduction'>;
}): Router {
  const router = Router();
  const { guard, commands, introductions } = deps;
  const route = (method: 'post' | 'put', path: string, operationId: TenantOperation, handler: RequestHandler) =>
    router[method](path, guard.middleware(operationId), handler);

  route('post', '/hires/:hireId/tasks/:itemId/completion', 'completeTask', async (req, res) => {
    const { itemId } = req.params as { itemId: string };
    res.json(
      journeyViewFor(
        req,
        await commands.send(commandRequest(req), completeItemUpdate, { itemId, actor: actorOf(req) }),
      ),
    );
  });

  route('post', '/hires/:hireId/mentor-answer', 'answerMentorRequest', async (req, res) => {
    const answer = req.body as Schemas['MentorAnswer'];
    const { mentorRef, accept, coffeeMoment } = answer;
    const introduction = refuseMentorAnswerExtras(answer);
    if (coffeeMoment) refuseUnplannableCoffeeMoment(coffeeMoment);
    // Stored before the journey sends the welcome mail that shows it; off the hire's stream, where erasure reaches it.
    const key = { organisationId: organisationOf(req), hireId: commandRequest(req).hireId, mentorRef };
    if (introduction) introductions.saveMentorIntroduction({ ...key, text: introduction });
    res.json(
      journeyViewFor(
        req,
        await commands.send(commandRequest(req), answerMentorRequestUpdate, {
          mentorRef,
          accept,
          actor: actorOf(req),
          ...(coffeeMoment ? { coffeeMoment } : {}),
          ...(introduction ? { introductionWritten: true } : {}),
        }),
      ),
    );
  });

  route('put', '/hires/:hireId/start-date', 'changeStartDate', async (req, res) => {
    const { startDate } = req.body as Schemas['StartDateChange'];
    refuseUnplannableDates({ '/startDate': startDate });
    res.json(
      journeyViewFor(
        req,
        await commands.send(commandRequest(req), changeStartDateUpdate, { startDate, actor: actorOf(req) }),
      ),
    );
  });

  route('post', '/hires/:hireId/withdrawal', 'withdrawCandidate', async (req, res) => {
    const { reason } = (req.body ?? {}) as Schemas['Withdrawal'];
    res.json(
      journeyViewFor(
        req,
        await commands.send(commandRequest(req), withdrawCandidateUpdate, {
          ...(reason ? { reason } : {}),
          actor: actorOf(req),
        }),
      ),
    );
  });

  route('post', '/hires/:hireId/termination', 'registerTermination', async (req, res) => {
    const { lastWorkingDay } = req.body as Schemas['Termination'];
    refuseUnplannableDates({ '/lastWorkingDay': lastWorkingDay });
    res.json(
      journeyViewFor(
        req,
        await commands.send(commandRequest(req), registerTerminationUpdate, { lastWorkingDay, actor: actorOf(req) }),
      ),
    );
  });

  route('post', '/hires/:hireId/exit-interview', 'recordExitInterview', async (req, res) => {
    const { reasons, wouldHaveKept = [] } = req.body as Schemas['ExitInterview'];
    res.json(
      journeyViewFor(
        req,
        await commands.send(commandRequest(req), recordExitInterviewUpdate, {
          reasons,
          wouldHaveKept,
          actor: actorOf(req),
        }),
      ),
    );
  });

  route('post', '/hires/:hireId/learning-line/changes', 'changeLearningLine', async (req, res) => {
    // The contract's three shapes are exactly the domain's MilestoneChange.
    const change = (req.body as Schemas['LearningLineChange']).change as MilestoneChange;
    res.json(
      journeyViewFor(
        req,
        await commands.send(commandRequest(req), changeLearningLineUpdate, { change, actor: actorOf(req) }),
      ),
    );
  });

  route('post', '/hires/:hireId/leave', 'startLeave', async (req, res) => {
    const { from } = req.body as Schemas['LeaveStart'];
    refuseUnplannableDates({ '/from': from });
    res.json(
      journeyViewFor(req, await commands.send(commandRequest(req), startLeaveUpdate, { from, actor: actorOf(req) })),
    );
  });

  route('post', '/hires/:hireId/leave/end', 'endLeave', async (req, res) => {
    const { until } = req.body as Schemas['LeaveEnd'];
    refuseUnplannableDates({ '/until': until });
    res.json(
      journeyViewFor(req, await commands.send(commandRequest(req), endLeaveUpdate, { until, actor: actorOf(req) })),
    );
  });

  route('post', '/hires/:hireId/mentor-meetings', 'logMentorMeeting', async (req, res) => {
    const { on, minutes } = req.body as Schemas['MentorMeeting'];
    refuseUnplannableDates({ '/on': on });
    const { roles } = principalOf(req);
    // Who logged it, by role only: the stream names the actor already, and the count is the team's, not theirs.
    const loggedBy = roles.includes('mentor') ? 'mentor' : roles.includes('new-hire') ? 'new-hire' : 'hr';
    res.json(
      journeyViewFor(
        req,
        await commands.send(commandRequest(req), logMentorMeetingUpdate, {
          on,
          minutes,
          loggedBy,
          actor: actorOf(req),
        }),
      ),
    );
  });

  return router;
}

function commandRequest(req: Request): CommandRequest {
  return {
    organisationId: organisationOf(req),
    hireId: (req.params as { hireId: string }).hireId,
    idempotencyKey: req.header('Idempotency-Key')!,
  };
}

/** An introduction and a coffee moment come with an acceptance only; the introduction's text, trimmed, if any. */
function refuseMentorAnswerExtras(answer: Schemas['MentorAnswer']): string | undefined {
  if (!answer.accept && (answer.introduction !== undefined || answer.coffeeMoment !== undefined)) {
    const pointer = answer.introduction !== undefined ? '/introduction' : '/coffeeMoment';
    throw new Problem(400, 'invalid-request', {}, [{ pointer, detail: 'accept: false' }]);
  }
  return answer.introduction?.trim() || undefined;
}
