import type { EventStore } from './eventStore';
import { chainLinkOf, linkHashOf } from './hireStreamChain';

export type ChainVerdict =
  | { readonly ok: true; readonly events: number }
  | { readonly ok: false; readonly brokenAt: bigint; readonly reason: string };

/**
 * Replays a hire stream and recomputes every link. Give it the store as stored (not one that upcasts on read):
 * an upcast event is no longer the bytes that were hashed.
 */
export async function verifyHireStreamChain(store: EventStore, streamName: string): Promise<ChainVerdict> {
  let previous: string | null = null;
  let count = 0;
  for await (const event of store.readStream(streamName)) {
    const broken = (reason: string): ChainVerdict => ({ ok: false, brokenAt: event.revision, reason });
    if (event.revision !== BigInt(count)) return broken(`revision ${count} is missing`);
    if (event.metadata.upcastFrom !== undefined) return broken('the event was upcast on read; verify the stored stream');
    const link = chainLinkOf(event.metadata);
    if (!link) return broken('the event carries no chain link');
    if (link.previous !== previous) return broken('the link does not point at the preceding event’s hash');
    if (linkHashOf(previous, event) !== link.hash) return broken('the event’s content does not match its hash');
    previous = link.hash;
    count += 1;
  }
  return { ok: true, events: count };
}
