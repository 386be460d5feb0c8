import type { Position, RecordedEvent } from '../event-store/eventStore';
import { parseHireStreamName, parseSurveyWaveStreamName } from '../event-store/streamNames';

/**
 * How far the streams webhooks deliver from go (hire streams and survey waves, services/relay/topics.ts), as far as
 * this process has seen: the head (every event up to it is in the
 * store) and each organisation's newest event. Subscriptions read the store up to the head, and wait here
 * while there is nothing new for their organisation.
 */
export class OutboundEventFeed {
  private current: Position | undefined;
  private readonly newest = new Map<string, Position>();
  private waiters: (() => void)[] = [];

  get head(): Position | undefined {
    return this.current;
  }

  latestOf(organisationId: string): Position | undefined {
    return this.newest.get(organisationId);
  }

  /** Where the feed resumes: everything up to here is in the store, though not seen by this process. */
  startAt(position: Position | undefined): void {
    if (position && (!this.current || position.commit > this.current.commit)) this.current = position;
  }

  saw(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      const owner = parseHireStreamName(event.streamName) ?? parseSurveyWaveStreamName(event.streamName);
      if (owner) this.newest.set(owner.organisationId, event.position);
    }
    this.startAt(events[events.length - 1]?.position);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Settles at the next `saw`, or when `signal` aborts. */
  next(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
