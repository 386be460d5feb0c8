import { createHash } from 'node:crypto';
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { components } from '../../contracts/generated/openapi';
import {
  HIRE_JOURNEY_WORKFLOW_TYPE,
  type HireJourneyInput,
  type JourneyView,
  hireJourneyWorkflowId,
  journeyViewQuery,
} from '../../workflows/hireJourneyContract';
import { type EventStore, WrongExpectedRevisionError } from '../event-store/eventStore';
import { deterministicEventId } from '../event-store/deterministicEventId';
import { idempotencyStreamName } from '../event-store/streamNames';
import { type Logger, hireLogger } from '../shared/logger';
import { Problem } from './problem';

export type HireRegistrationRequest = components['schemas']['HireRegistration'];

export interface RegistrationOutcome {
  readonly created: boolean;
  readonly view: JourneyView;
}

const CLAIM_EVENT_TYPE = 'IdempotencyKeyClaimed';

/**
 * Starts one journey per hire, idempotently. The order matters so that a refused request writes nothing:
 * a key reused for another body is refused first, an existing hire is compared next, and only a request that
 * will create a journey claims its idempotency key (in the event store, so every API replica sees it).
 */
export class HireRegistration {
  constructor(
    private readonly deps: { client: Client; store: EventStore; taskQueue: string; logger: Logger },
  ) {}

  async register(
    organisationId: string,
    idempotencyKey: string,
    request: HireRegistrationRequest,
    actor: string,
  ): Promise<RegistrationOutcome> {
    const fingerprint = fingerprintOf({ organisationId, ...request });
    const claimStream = idempotencyStreamName(organisationId, sha256(idempotencyKey).slice(0, 32));
    await this.refuseReusedKey(claimStream, fingerprint);

    const workflowId = hireJourneyWorkflowId(organisationId, request.hireId);
    const existing = await this.existingJourney(workflowId, request.hireId, fingerprint);
    if (existing) return existing;

    await this.claimKey(claimStream, fingerprint, workflowId);
    const input: HireJourneyInput = { organisationId, ...request, actor, registrationFingerprint: fingerprint };
    try {
      await this.deps.client.workflow.start(HIRE_JOURNEY_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.deps.taskQueue,
        args: [input],
        memo: { registrationFingerprint: fingerprint },
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      // A concurrent request for the same hire won the race; answer as if it had come first.
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        return (await this.existingJourney(workflowId, request.hireId, fingerprint))!;
      }
      throw error;
    }
    hireLogger(this.deps.logger, { organisationId, hireId: request.hireId }, workflowId).info('traject gestart');
    const { actor: _actor, registrationFingerprint: _fingerprint, ...view } = input;
    return { created: true, view: { ...view, workflowId, stage: 'registered' } };
  }

  private async refuseReusedKey(claimStream: string, fingerprint: string): Promise<void> {
    for await (const claim of this.deps.store.readStream(claimStream, { maxCount: 1 })) {
      if (claim.data.fingerprint !== fingerprint) throw new Problem(422, 'idempotency-key-reused');
    }
  }

  private async claimKey(claimStream: string, fingerprint: string, workflowId: string): Promise<void> {
    try {
      await this.deps.store.appendToStream(
        claimStream,
        [
          {
            id: deterministicEventId(claimStream, fingerprint),
            type: CLAIM_EVENT_TYPE,
            data: { fingerprint, workflowId },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      // Another request claimed the key for a different body between our read and this write.
      if (error instanceof WrongExpectedRevisionError) throw new Problem(422, 'idempotency-key-reused');
      throw error;
    }
  }

  private async existingJourney(workflowId: string, hireId: string, fingerprint: string): Promise<RegistrationOutcome | undefined> {
    const handle = this.deps.client.workflow.getHandle(workflowId);
    try {
      const description = await handle.describe();
      if (description.memo?.registrationFingerprint !== fingerprint) throw new Problem(409, 'hire-exists', { hireId });
      return { created: false, view: await handle.query(journeyViewQuery) };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }
}

/** Key order must not matter: `{a,b}` and `{b,a}` are the same request. */
export function fingerprintOf(value: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))));
  return sha256(canonical);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
