import type { EventStore } from '../event-store/eventStore';
import type { HireRef } from '../event-store/streamNames';
import { IdempotencyClaims } from './idempotencyClaims';

/**
 * The API's own record of every hire it acknowledged (POST /hires answered 201 or 200), written before it answers.
 * The hire's stream is the journey's to write, and it writes its first events only once a worker has run it: a
 * moment later when idle, many seconds later during a burst, not at all while no worker runs. Until then the
 * audit reads know the hire from this record, and answer that its history is still being written instead of
 * calling it unknown.
 *
 * The record is a claim of the hire id for the registration (IdempotencyKeyClaimed in a stream of its own, keyed by
 * organisation and hire id): no personal data, outside `hire-*`, so the relay, the projections and the hire's hash
 * chain never see it.
 */
export class RegisteredHires {
  private readonly claims: IdempotencyClaims;

  constructor(private readonly store: EventStore) {
    this.claims = new IdempotencyClaims(store);
  }

  /** Idempotent: a retry of the same registration finds its record and leaves it as it is. */
  async record(hire: HireRef, fingerprint: string, workflowId: string): Promise<void> {
    // Another registration of the same hire id never gets this far (it is a 409 before), so a different
    // fingerprint here is the same conflict.
    await this.claims.claim(this.streamOf(hire), fingerprint, workflowId, 'hire-exists');
  }

  /** When the API acknowledged the hire; undefined for a hire it never registered. */
  async registeredAt(hire: HireRef): Promise<Date | undefined> {
    for await (const event of this.store.readStream(this.streamOf(hire), { maxCount: 1 })) return event.recordedAt;
    return undefined;
  }

  private streamOf({ organisationId, hireId }: HireRef): string {
    return this.claims.streamOf(organisationId, 'registered-hire', hireId);
  }
}
