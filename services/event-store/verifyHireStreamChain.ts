import type { KeyObject } from 'node:crypto';
import type { EventStore, RecordedEvent } from './eventStore';
import { type ChainHeadReader, type SignedHead, signedHeadText } from './chainHeadLog';
import { verifiesWith } from './chainSigningKey';
import { CURRENT_CHAIN_SCHEME, chainLinkOf, linkHashBySchemeOf } from './hireStreamChain';

export type ChainVerdict =
  | {
      readonly ok: true;
      readonly events: number;
      /** How many of them a signed head covers; the rest were appended after the last head was written. */
      readonly signedThrough?: number;
    }
  | { readonly ok: false; readonly brokenAt: bigint; readonly reason: string };

/** An event as stored: what the chain and the head were computed over. */
export type StoredEvent = Pick<RecordedEvent, 'id' | 'type' | 'revision' | 'recordedAt' | 'data' | 'metadata'>;

/**
 * How far a store's clock may run ahead of the clock that signed the head (one host for SQLite; the EventStoreDB
 * server's own clock otherwise) before an event's recorded time counts as moved past the head that covers it.
 */
export const RECORDED_AT_SKEW_MS = 60_000;

/**
 * Replays a hire stream and recomputes every link; with the head log, also holds the stream to its newest signed
 * head, which is what catches a rewritten-and-rechained history, a cut-off tail and a deleted stream. Give it the
 * store as stored (not one that upcasts on read): an upcast event is no longer the bytes that were hashed.
 */
export async function verifyHireStreamChain(
  store: EventStore,
  streamName: string,
  heads?: ChainHeadReader,
): Promise<ChainVerdict> {
  return checkHireStreamChain(
    streamName,
    store.readStream(streamName),
    heads && { head: await heads.latest(streamName), publicKey: heads.publicKey },
  );
}

/** The one check, for a store online and for an export offline. */
export async function checkHireStreamChain(
  streamName: string,
  events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>,
  signed?: { readonly head: SignedHead | undefined; readonly publicKey: KeyObject },
): Promise<ChainVerdict> {
  const head = signed?.head;
  if (signed && head && !headHolds(head, streamName, signed.publicKey)) {
    return { ok: false, brokenAt: 0n, reason: 'the signed head of this stream does not carry a valid signature' };
  }
  const headRevision = head ? BigInt(head.revision) : undefined;
  let previous: string | null = null;
  let placed = false;
  let count = 0;
  for await (const event of events) {
    const broken = (reason: string): ChainVerdict => ({ ok: false, brokenAt: event.revision, reason });
    if (event.revision !== BigInt(count)) return broken(`revision ${count} is missing`);
    if (event.metadata.upcastFrom !== undefined)
      return broken('the event was upcast on read; verify the stored stream');
    const link = chainLinkOf(event.metadata);
    if (!link) return broken('the event carries no chain link');
    if (link.previous !== previous) return broken('the link does not point at the preceding event’s hash');
    // Once a stream is placed, an older scheme after it can only be a rewrite that hopes to shed the stream name.
    if (placed && link.scheme < CURRENT_CHAIN_SCHEME) return broken('the link falls back to an older hash scheme');
    placed ||= link.scheme === CURRENT_CHAIN_SCHEME;
    if (linkHashBySchemeOf(link.scheme, previous, event, { streamName, revision: event.revision }) !== link.hash) {
      return broken('the event’s content does not match its hash');
    }
    if (head && headRevision !== undefined && event.revision <= headRevision) {
      if (event.recordedAt.getTime() > Date.parse(head.signedAt) + RECORDED_AT_SKEW_MS) {
        return broken('the event’s recorded time is after the signed head that covers it');
      }
      if (event.revision === headRevision && link.hash !== head.hash) {
        return broken('the event’s hash is not the one its signed head records: the history was rewritten');
      }
    }
    previous = link.hash;
    count += 1;
  }
  if (signed && !head && placed) {
    // Every append of the current scheme is signed right after it is stored: such a stream without a head was
    // written around this code, or its heads were taken out of the log.
    return {
      ok: false,
      brokenAt: 0n,
      reason: 'the stream carries links of the current scheme, but no signed head records it',
    };
  }
  if (headRevision !== undefined && BigInt(count) <= headRevision) {
    const reason =
      count === 0
        ? `the stream is gone, but a signed head records it up to revision ${head!.revision}`
        : `the stream ends at revision ${count - 1}, but a signed head records it up to revision ${head!.revision}`;
    return { ok: false, brokenAt: BigInt(count), reason };
  }
  return {
    ok: true,
    events: count,
    ...(signed ? { signedThrough: headRevision === undefined ? 0 : Number(headRevision) + 1 } : {}),
  };
}

/** Signed with the expected key, about this stream. */
export function headHolds(head: SignedHead, streamName: string, publicKey: KeyObject): boolean {
  const { signature, ...unsigned } = head;
  return head.streamName === streamName && verifiesWith(publicKey, signedHeadText(unsigned), signature);
}
