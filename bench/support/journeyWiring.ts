import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ChainHeadLog } from '../../services/event-store/chainHeadLog';
import { ChainSigningKey } from '../../services/event-store/chainSigningKey';
import type { CheckpointStore, EventStore } from '../../services/event-store/eventStore';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { withContracts } from '../../services/event-store/withContracts';
import type { Logger } from '../../services/shared/logger';
import { createWorker } from '../../services/worker/createWorker';
import { openJourneyDeps } from '../../services/worker/journeyDeps';
import type { IsoDate } from '../../workflows/domain/calendar';
import { type HireJourneyInput, hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';

/** The journeys as production runs them, for a bench: what it starts, reads and stops. */
export interface JourneyWiring {
  /** The bench's own folder: every file it writes. */
  readonly dir: string;
  /** As production wires it (withContracts: validation, hash chain, signed chain heads). */
  readonly store: EventStore & CheckpointStore;
  readonly deps: Awaited<ReturnType<typeof openJourneyDeps>>;
  readonly client: Client;
  readonly taskQueue: string;
  /** The trivial workflow's task queue (bench/support/trivialWorkflow.ts), when asked for. */
  readonly trivialTaskQueue: string;
  /** A hire journey started with the bare client, as the API would start it. */
  startJourney(organisationId: string, hireId: string, startDate: IsoDate): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A store, the worker's activities, a Temporal client and the worker (createWorker, as services/worker runs it) on
 * a task queue of its own; with `trivial`, a worker of the trivial workflow beside it, for a baseline in the same run.
 */
export async function startJourneyWiring(
  address: string,
  logger: Logger,
  options: { label: string; trivial?: boolean },
): Promise<JourneyWiring> {
  const dir = mkdtempSync(join(tmpdir(), `soft-landing-bench-${options.label}-`));
  const store = withContracts(
    new SqliteEventStore(join(dir, 'events.sqlite')),
    undefined,
    new ChainHeadLog(join(dir, 'chain-heads.sqlite'), ChainSigningKey.ephemeral()),
  );
  const deps = await openJourneyDeps(
    { peopleDbPath: join(dir, 'people.sqlite'), publicBaseUrl: 'http://bench' },
    store,
    logger,
  );
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = `bench-${options.label}-${randomUUID()}`;
  const trivialTaskQueue = `${taskQueue}-trivial`;
  const workers = [
    await createWorker({ connection: nativeConnection, namespace: 'default', taskQueue, activities: deps }),
  ];
  if (options.trivial) {
    workers.push(
      await Worker.create({
        connection: nativeConnection,
        namespace: 'default',
        taskQueue: trivialTaskQueue,
        workflowsPath: require.resolve('./trivialWorkflow'),
      }),
    );
  }
  const running = Promise.all(workers.map((worker) => worker.run()));
  return {
    dir,
    store,
    deps,
    client,
    taskQueue,
    trivialTaskQueue,
    startJourney: async (organisationId, hireId, startDate) => {
      const input: HireJourneyInput = {
        organisationId,
        hireId,
        startDate,
        role: 'Jeugdzorgwerker',
        actor: 'bench',
        registrationFingerprint: hireId,
      };
      await client.workflow.start('hireJourney', {
        workflowId: hireJourneyWorkflowId(organisationId, hireId),
        taskQueue,
        args: [input],
      });
    },
    stop: async () => {
      for (const worker of workers) worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await deps.close();
      await store.close();
    },
  };
}
