import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import {
  JOURNEY_COMMAND_REJECTED,
  type JourneyView,
  hireJourneyWorkflowId,
  journeyViewQuery,
} from '../../workflows/hireJourneyContract';
import type { EventStore } from '../event-store/eventStore';
import { IdempotencyClaims, canonicalFingerprint } from '../registration/idempotencyClaims';
import { packRefusal, planChangeRefusalOf } from '../problems/planChangeMessages';
import { Problem } from '../problems/problem';
import { rejectionProblemParams } from '../problems/rejectionProblems';
import { withinRequestBudget } from '../registration/temporalDeadline';

export interface CommandRequest {
  readonly organisationId: string;
  readonly hireId: string;
  readonly idempotencyKey: string;
}

/**
 * Sends a command to a hire's journey as a Temporal Update whose id is the request's Idempotency-Key: Temporal
 * itself answers a retry with the first outcome instead of running the command again. The key is also claimed
 * for this command's body (after it succeeded), so the same key sent for another command is refused, not
 * silently answered with the first command's outcome.
 */
export class JourneyCommands {
  private readonly claims: IdempotencyClaims;

  constructor(private readonly deps: { client: Client; store: EventStore }) {
    this.claims = new IdempotencyClaims(deps.store);
  }

  send<Command extends { actor: string }>(
    request: CommandRequest,
    update: UpdateDefinition<JourneyView, [Command], string>,
    command: Command,
  ): Promise<JourneyView> {
    return withinRequestBudget(this.deps.client, () => this.sendOnce(request, update, command));
  }

  private async sendOnce<Command extends { actor: string }>(
    request: CommandRequest,
    update: UpdateDefinition<JourneyView, [Command], string>,
    command: Command,
  ): Promise<JourneyView> {
    const { organisationId, hireId, idempotencyKey } = request;
    const workflowId = hireJourneyWorkflowId(organisationId, hireId);
    const { actor: _actor, ...what } = command;
    const fingerprint = canonicalFingerprint({ update: update.name, command: what });
    const claimStream = this.claims.streamOf(organisationId, `hire:${hireId}`, idempotencyKey);
    await this.claims.refuseReuse(claimStream, fingerprint, 'command-idempotency-key-reused');

    const handle = this.deps.client.workflow.getHandle(workflowId);
    let view: JourneyView;
    try {
      view = await handle.executeUpdate(update, { args: [command], updateId: idempotencyKey });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) throw updateFailureProblem(error, hireId);
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      // Either no such hire, or a journey that has ended (a closed workflow takes no Updates).
      if (!(await this.exists(workflowId))) throw new Problem(404, 'hire-not-found', { hireId });
      if (!(await this.claims.claimedFor(claimStream, fingerprint)))
        throw new Problem(409, 'journey-ended', { hireId });
      // A retry of the command that ended the journey: answer with the journey as it ended.
      return handle.query(journeyViewQuery);
    }
    await this.claims.claim(claimStream, fingerprint, workflowId, 'command-idempotency-key-reused');
    return view;
  }

  private async exists(workflowId: string): Promise<boolean> {
    try {
      await this.deps.client.workflow.getHandle(workflowId).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }
}

/**
 * Temporal's words for an Update the running workflow has no handler for: a journey begun before the command
 * existed keeps the code it began with (hireJourneyLegacy.ts, the walking skeleton), so it cannot take it.
 */
const NO_UPDATE_HANDLER = 'No registered handler for update';

/** What a failed Update means to the caller: the journey's rejection, or a journey too old for the command. */
export function updateFailureProblem(error: WorkflowUpdateFailedError, hireId: string): Error {
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && cause.message.startsWith(NO_UPDATE_HANDLER))
    return new Problem(409, 'journey-command-unsupported', { hireId });
  if (cause instanceof ApplicationFailure && cause.type === JOURNEY_COMMAND_REJECTED) {
    const planChange = planChangeRefusalOf(cause.details);
    if (planChange) return new Problem(422, 'plan-change-refused', packRefusal(planChange));
    return new Problem(409, 'journey-command-rejected', rejectionProblemParams(cause.message, cause.details?.[0]));
  }
  return error;
}
