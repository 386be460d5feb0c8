import type { EventStore, NewEvent } from './eventStore';

/** The most events one shared append carries: a burst is cut into transactions that hold the write lock briefly. */
const MOST_PER_APPEND = 500;

interface Waiting {
  readonly event: NewEvent;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Appends to streams that take every event (`expectedRevision: 'any'`, fresh ids), with the appends asked for in
 * the same turn of the event loop, or while an earlier shared append is under way, written together: one
 * transaction for many, so concurrent callers share its commit and the subscriptions wake once for all of them.
 * Each caller's promise settles only once its own event is stored (or failed to be), so "recorded before the
 * answer" still holds per caller.
 */
export class GroupCommit {
  private pending = new Map<string, Waiting[]>();
  private scheduled = false;
  private flushing: Promise<void> | undefined;

  constructor(private readonly store: EventStore) {}

  append(streamName: string, event: NewEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.pending.get(streamName);
      if (queue) queue.push({ event, resolve, reject });
      else this.pending.set(streamName, [{ event, resolve, reject }]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // After the current turn: the requests the event loop handles in this poll phase join the same append.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
        if (this.pending.size > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const taken = this.pending;
    this.pending = new Map();
    await Promise.all(
      [...taken].map(async ([streamName, waiting]) => {
        for (let from = 0; from < waiting.length; from += MOST_PER_APPEND)
          await this.appendTogether(streamName, waiting.slice(from, from + MOST_PER_APPEND));
      }),
    );
  }

  private async appendTogether(streamName: string, waiting: readonly Waiting[]): Promise<void> {
    try {
      await this.store.appendToStream(
        streamName,
        waiting.map((one) => one.event),
        { expectedRevision: 'any' },
      );
      for (const one of waiting) one.resolve();
    } catch (error) {
      if (waiting.length === 1) {
        waiting[0]!.reject(error);
        return;
      }
      // One event the store refuses (an invalid one) must not fail the others: each is tried alone, and only its
      // own caller hears of its failure.
      for (const one of waiting) await this.appendTogether(streamName, [one]);
    }
  }
}

const groupCommits = new WeakMap<EventStore, GroupCommit>();

/** The one GroupCommit of a store: every caller appending through the same store shares its transactions. */
export function groupCommitOf(store: EventStore): GroupCommit {
  let group = groupCommits.get(store);
  if (!group) {
    group = new GroupCommit(store);
    groupCommits.set(store, group);
  }
  return group;
}
