import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, Position, RecordedEvent } from '../event-store/eventStore';
import type { Logger } from '../shared/logger';
import {
  CheckpointMovedError,
  type Projection,
  advanceCheckpoint,
  type ReadModelDb,
  applyBatch,
  applyInTransaction,
  comparePositions,
  loadCheckpoint,
  matchesPrefixes,
  prepareProjection,
  resetProjection,
} from './projection';

export interface ProjectionRunnerDeps {
  readonly store: EventStore;
  readonly db: ReadModelDb;
  readonly projections: readonly Projection[];
  readonly logger?: Logger;
  /** Pause before resubscribing after a failure (the store broke, a fold threw). */
  readonly retryDelayMs?: number;
}

export interface ProjectionRunner {
  stop(): Promise<void>;
}

/**
 * Keeps every projection up to date: one catch-up subscription each, from its stored checkpoint. A failure, or a
 * checkpoint moved by someone else (a rebuild in another process), restarts the subscription from what is stored.
 * One runner per read-model file: two would keep making each other start over (correctly, but wastefully).
 */
export function startProjections(deps: ProjectionRunnerDeps): ProjectionRunner {
  const stopping = new AbortController();
  const aborted = new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve()));
  const retryDelayMs = deps.retryDelayMs ?? 2_000;

  const runOnce = async (projection: Projection): Promise<unknown> => {
    const state = prepareProjection(deps.db, projection);
    if (state === 'reset')
      deps.logger?.warn(
        { projection: projection.name, version: projection.version },
        'projectie heeft een nieuwe versie; opnieuw opgebouwd vanaf nul',
      );
    let expected = loadCheckpoint(deps.db, projection.name)?.position;
    const subscription = deps.store.subscribeToAll(
      {
        ...(expected ? { after: expected } : {}),
        streamPrefixes: projection.streamPrefixes,
        onCheckpoint: async (position) => {
          expected = advanceCheckpoint(deps.db, projection, expected, position);
        },
      },
      async (events) => {
        expected = applyBatch(deps.db, projection, expected, events);
      },
    );
    const failure = await Promise.race([subscription.failed, aborted]);
    await subscription.stop();
    return failure;
  };

  const loops = deps.projections.map(async (projection) => {
    while (!stopping.signal.aborted) {
      const failure = await runOnce(projection).catch((error: unknown) => error);
      if (failure === undefined || stopping.signal.aborted) continue;
      if (failure instanceof CheckpointMovedError) {
        deps.logger?.info(
          { projection: projection.name, err: failure },
          'checkpoint door een ander verzet; hervat vanaf het opgeslagen checkpoint',
        );
        continue;
      }
      deps.logger?.error(
        { projection: projection.name, err: failure },
        'projectie onderbroken; hervat vanaf het checkpoint',
      );
      await sleep(retryDelayMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  });

  return {
    stop: async () => {
      stopping.abort();
      await Promise.all(loops);
    },
  };
}

export interface CatchUpResult {
  /** Events read from the store (each once, however many projections it fed). */
  readonly events: number;
  readonly seconds: number;
}

export interface CatchUpOptions {
  /** Events per transaction; bigger is faster, smaller holds the write lock for shorter. */
  readonly batchSize?: number;
}

/**
 * Brings projections up to the end of the store as it is now, reading `$all` once for all of them, and returns.
 * Each batch is one transaction that moves every projection's checkpoint with its rows; a checkpoint moved by
 * someone else makes it start over from what is stored.
 */
export async function catchUp(
  store: EventStore,
  db: ReadModelDb,
  projections: readonly Projection[],
  options: CatchUpOptions = {},
): Promise<CatchUpResult> {
  const batchSize = options.batchSize ?? 5_000;
  const started = process.hrtime.bigint();
  let read = 0;
  for (;;) {
    try {
      read += await catchUpOnce(store, db, projections, batchSize);
      return { events: read, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    } catch (error) {
      if (!(error instanceof CheckpointMovedError)) throw error;
    }
  }
}

async function catchUpOnce(
  store: EventStore,
  db: ReadModelDb,
  projections: readonly Projection[],
  batchSize: number,
): Promise<number> {
  for (const projection of projections) prepareProjection(db, projection);
  const expected = new Map<Projection, Position | undefined>(
    projections.map((projection) => [projection, loadCheckpoint(db, projection.name)?.position]),
  );
  // The earliest checkpoint: every projection sees all of its events after it, and skips what it already has.
  const positions = [...expected.values()];
  const after = positions.some((position) => position === undefined)
    ? undefined
    : positions.reduce((earliest, position) => (comparePositions(position!, earliest!) < 0 ? position : earliest));
  const prefixes = [...new Set(projections.flatMap((projection) => projection.streamPrefixes))];
  const types = typesOf(projections);

  const fold = db.transaction((events: readonly RecordedEvent[]) => {
    for (const projection of projections) {
      const mine =
        projections.length === 1 ? events : events.filter((event) => matchesPrefixes(projection, event.streamName));
      if (mine.length > 0) expected.set(projection, applyInTransaction(db, projection, expected.get(projection), mine));
    }
  });

  // The store hands out batches of at most batchSize; they are folded batchSize events to a transaction however
  // it cuts them (a store may hand out less at a time).
  let read = 0;
  let pending: RecordedEvent[] = [];
  for await (const events of store.readAllBatches({
    ...(after ? { after } : {}),
    streamPrefixes: prefixes,
    ...(types ? { types } : {}),
    batchSize,
  })) {
    if (pending.length === 0 && events.length === batchSize) {
      fold.immediate(events);
      read += events.length;
      continue;
    }
    for (const event of events) {
      pending.push(event);
      if (pending.length >= batchSize) {
        fold.immediate(pending);
        read += pending.length;
        pending = [];
      }
    }
  }
  if (pending.length > 0) fold.immediate(pending);
  return read + pending.length;
}

/** Drops the projections' tables and checkpoints and replays every event from the start. */
/** The types all `projections` fold together, or undefined when one of them folds every type. */
function typesOf(projections: readonly Projection[]): string[] | undefined {
  if (projections.some((projection) => !projection.eventTypes)) return undefined;
  return [...new Set(projections.flatMap((projection) => [...projection.eventTypes!]))].sort();
}

export async function rebuild(
  store: EventStore,
  db: ReadModelDb,
  projections: readonly Projection[],
  options: CatchUpOptions = {},
): Promise<CatchUpResult> {
  for (const projection of projections) resetProjection(db, projection);
  return catchUp(store, db, projections, options);
}
