import type { UpdateDefinition } from '@temporalio/common';
import { type Request, type RequestHandler, type Response, Router } from 'express';
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
import type { JourneyView } from '../../workflows/hireJourneyContract';
import type { MilestoneChange } from '../../workflows/domain/journeyTemplate';
import { organisationOf, principalOf } from '../auth/principal';
import type { TenantOperation } from '../auth/permissions';
import { actorOf } from './actor';
import { commandRequest } from './commandRequest';
import type { JourneyCommands } from './journeyCommands';
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
  /** One Update by the caller on the hire's journey, answered with the journey as the caller may see it. */
  const sendAndShow = async <Command extends { actor: string }>(
    req: Request,
    res: Response,
    update: UpdateDefinition<JourneyView, [Command], string>,
    fields: Omit<Command, 'actor'>,
  ): Promise<void> => {
    const command = { ...fields, actor: actorOf(req) } as Command;
    res.json(journeyViewFor(req, await commands.send(commandRequest(req), update, command)));
  };

  route('post', '/hires/:hireId/tasks/:itemId/completion', 'completeTask', async (req, res) => {
    const { itemId } = req.params as { itemId: string };
    await sendAndShow(req, res, completeItemUpdate, { itemId });
  });

  route('post', '/hires/:hireId/mentor-answer', 'answerMentorRequest', async (req, res) => {
    const answer = req.body as Schemas['MentorAnswer'];
    const { mentorRef, accept, coffeeMoment } = answer;
    const introduction = refuseMentorAnswerExtras(answer);
    if (coffeeMoment) refuseUnplannableCoffeeMoment(coffeeMoment);
    // Stored before the journey sends the welcome mail that shows it; off the hire's stream, where erasure reaches it.
    const key = { organisationId: organisationOf(req), hireId: commandRequest(req).hireId, mentorRef };
    if (introduction) await introductions.saveMentorIntroduction({ ...key, text: introduction });
    await sendAndShow(req, res, answerMentorRequestUpdate, {
      mentorRef,
      accept,
      ...(coffeeMoment ? { coffeeMoment } : {}),
      ...(introduction ? { introductionWritten: true } : {}),
    });
  });

  route('put', '/hires/:hireId/start-date', 'changeStartDate', async (req, res) => {
    const { startDate } = req.body as Schemas['StartDateChange'];
    refuseUnplannableDates({ '/startDate': startDate });
    await sendAndShow(req, res, changeStartDateUpdate, { startDate });
  });

  route('post', '/hires/:hireId/withdrawal', 'withdrawCandidate', async (req, res) => {
    const { reason } = (req.body ?? {}) as Schemas['Withdrawal'];
    await sendAndShow(req, res, withdrawCandidateUpdate, { ...(reason ? { reason } : {}) });
  });

  route('post', '/hires/:hireId/termination', 'registerTermination', async (req, res) => {
    const { lastWorkingDay } = req.body as Schemas['Termination'];
    refuseUnplannableDates({ '/lastWorkingDay': lastWorkingDay });
    await sendAndShow(req, res, registerTerminationUpdate, { lastWorkingDay });
  });

  route('post', '/hires/:hireId/exit-interview', 'recordExitInterview', async (req, res) => {
    const { reasons, wouldHaveKept = [] } = req.body as Schemas['ExitInterview'];
    await sendAndShow(req, res, recordExitInterviewUpdate, { reasons, wouldHaveKept });
  });

  route('post', '/hires/:hireId/learning-line/changes', 'changeLearningLine', async (req, res) => {
    // The contract's three shapes are exactly the domain's MilestoneChange.
    const change = (req.body as Schemas['LearningLineChange']).change as MilestoneChange;
    await sendAndShow(req, res, changeLearningLineUpdate, { change });
  });

  route('post', '/hires/:hireId/leave', 'startLeave', async (req, res) => {
    const { from } = req.body as Schemas['LeaveStart'];
    refuseUnplannableDates({ '/from': from });
    await sendAndShow(req, res, startLeaveUpdate, { from });
  });

  route('post', '/hires/:hireId/leave/end', 'endLeave', async (req, res) => {
    const { until } = req.body as Schemas['LeaveEnd'];
    refuseUnplannableDates({ '/until': until });
    await sendAndShow(req, res, endLeaveUpdate, { until });
  });

  route('post', '/hires/:hireId/mentor-meetings', 'logMentorMeeting', async (req, res) => {
    const { on, minutes } = req.body as Schemas['MentorMeeting'];
    refuseUnplannableDates({ '/on': on });
    const { roles } = principalOf(req);
    // Who logged it, by role only: the stream names the actor already, and the count is the team's, not theirs.
    const loggedBy = roles.includes('mentor') ? 'mentor' : roles.includes('new-hire') ? 'new-hire' : 'hr';
    await sendAndShow(req, res, logMentorMeetingUpdate, { on, minutes, loggedBy });
  });

  return router;
}

/** An introduction and a coffee moment come with an acceptance only; the introduction's text, trimmed, if any. */
function refuseMentorAnswerExtras(answer: Schemas['MentorAnswer']): string | undefined {
  if (!answer.accept && (answer.introduction !== undefined || answer.coffeeMoment !== undefined)) {
    const pointer = answer.introduction !== undefined ? '/introduction' : '/coffeeMoment';
    throw new Problem(400, 'invalid-request', {}, [{ pointer, detail: 'accept: false' }]);
  }
  return answer.introduction?.trim() || undefined;
}
