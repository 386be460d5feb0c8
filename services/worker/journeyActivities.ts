import { ApplicationFailure, Context } from '@temporalio/activity';
import type { EventStore, JsonObject } from '../event-store/eventStore';
import { deterministicEventId } from '../event-store/deterministicEventId';
import { hireStreamName } from '../event-store/streamNames';
import { type Logger, hireLogger } from '../shared/logger';

export interface HireEventToRecord {
  /** Unique within the hire's stream; together with the stream it fixes the event id. */
  readonly key: string;
  readonly type: string;
  readonly data: JsonObject;
}

export interface RecordHireEventsInput {
  readonly organisationId: string;
  readonly hireId: string;
  /** The workflow is the stream's only writer, so it knows the revision; a number crosses JSON, a bigint does not. */
  readonly expectedRevision: number | 'no_stream';
  readonly actor: string;
  readonly occurredAt: string;
  readonly events: readonly HireEventToRecord[];
}

export interface RecordHireEventsResult {
  readonly nextExpectedRevision: number;
}

export function createJourneyActivities({ store, logger }: { store: EventStore; logger: Logger }) {
  return {
    /** Appends to the hire's stream; a retry carries the same ids and revision and so appends nothing twice. */
    async recordHireEvents(input: RecordHireEventsInput): Promise<RecordHireEventsResult> {
      const { workflowExecution, activityId, attempt } = Context.current().info;
      if (!workflowExecution) throw ApplicationFailure.nonRetryable('recordHireEvents belongs to a hire journey');
      const hire = { organisationId: input.organisationId, hireId: input.hireId };
      const stream = hireStreamName(hire);
      const result = await store.appendToStream(
        stream,
        input.events.map((event) => ({
          id: deterministicEventId(stream, event.key),
          type: event.type,
          data: event.data,
          metadata: {
            organisationId: input.organisationId,
            hireId: input.hireId,
            actor: input.actor,
            occurredAt: input.occurredAt,
            correlationId: workflowExecution.workflowId,
            causationId: `${workflowExecution.runId}/${activityId}`,
            schemaVersion: 1,
          },
        })),
        { expectedRevision: input.expectedRevision === 'no_stream' ? 'no_stream' : BigInt(input.expectedRevision) },
      );
      hireLogger(logger, hire, workflowExecution.workflowId).info(
        { stream, types: input.events.map((event) => event.type), attempt },
        'gebeurtenissen vastgelegd',
      );
      return { nextExpectedRevision: Number(result.nextExpectedRevision) };
    },
  };
}

export type JourneyActivities = ReturnType<typeof createJourneyActivities>;
