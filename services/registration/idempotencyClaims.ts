import { createHash } from 'node:crypto';
import { canonicalJson } from '../event-store/canonicalJson';
import { deterministicEventId } from '../event-store/deterministicEventId';
import { type EventStore, WrongExpectedRevisionError } from '../event-store/eventStore';
import { idempotencyStreamName } from '../event-store/streamNames';
import { Problem } from '../problems/problem';
import type { ProblemKind } from '../problems/problemMessages';

const CLAIM_EVENT_TYPE = 'IdempotencyKeyClaimed';

/**
 * Binds an Idempotency-Key to one request body, in the event store so every API replica sees it: a retry
 * (same key, same body) passes, the same key for another body is refused with 422.
 */
export class IdempotencyClaims {
  constructor(private readonly store: EventStore) {}

  /** The claim stream of a key; `scope` keeps keys of different kinds of request (and of different hires) apart. */
  streamOf(organisationId: string, scope: string, idempotencyKey: string): string {
    return idempotencyStreamName(
      organisationId,
      sha256(scope === '' ? idempotencyKey : `${scope}\n${idempotencyKey}`).slice(0, 32),
    );
  }

  async refuseReuse(claimStream: string, fingerprint: string, kind: ProblemKind): Promise<void> {
    for await (const claim of this.store.readStream(claimStream, { maxCount: 1 })) {
      if (claim.data.fingerprint !== fingerprint) throw new Problem(422, kind);
    }
  }

  /** Whether the key was claimed, and for this very body. */
  async claimedFor(claimStream: string, fingerprint: string): Promise<boolean> {
    for await (const claim of this.store.readStream(claimStream, { maxCount: 1 }))
      return claim.data.fingerprint === fingerprint;
    return false;
  }

  async claim(claimStream: string, fingerprint: string, workflowId: string, kind: ProblemKind): Promise<void> {
    try {
      await this.store.appendToStream(
        claimStream,
        [
          {
            id: deterministicEventId(claimStream, fingerprint),
            type: CLAIM_EVENT_TYPE,
            data: { fingerprint, workflowId },
            metadata: { schemaVersion: 1 },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      // Another request claimed the key between our read and this write: fine if it was this very body.
      if (error instanceof WrongExpectedRevisionError) return this.refuseReuse(claimStream, fingerprint, kind);
      throw error;
    }
  }

  /** Both steps, for requests that write nothing else before they claim. */
  async claimOnce(claimStream: string, fingerprint: string, workflowId: string, kind: ProblemKind): Promise<void> {
    await this.refuseReuse(claimStream, fingerprint, kind);
    await this.claim(claimStream, fingerprint, workflowId, kind);
  }
}

/**
 * Key order must not matter, at any depth: `{a,b}` and `{b,a}` are the same request. The event store's canonical
 * JSON gives the same text as the sorted copy this hashed before, for every body the contract accepts (their
 * property names are never integer-like, the one case where a sorted copy keeps another order), so stored
 * fingerprints still match.
 */
export function canonicalFingerprint(value: Record<string, unknown>): string {
  return sha256(canonicalJson(value));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
