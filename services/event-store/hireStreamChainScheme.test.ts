import { canonicalJson } from './canonicalJson';
import { chainLinkOf, linkHashBySchemeOf, linkHashOf, linkMetadataOf, placedLinkHashOf } from './hireStreamChain';
import { knownStageEvent } from '../../test/support/knownChainEvents';
import { SCHEME_1_HASHES, SCHEME_2_HASHES } from '../../test/support/knownChainHashes';

/*
 * Scheme 2 vectors: the text written out by hand, its hashes made once outside Node with coreutils, as for
 * scheme 1 (test/support/knownChainHashes.ts).
 */
const STREAM = 'hire-jeugdzorg-west.h-0042';
const PLACED_1 =
  '{"data":{"dueDate":"2026-09-01","stage":"stage-0"},"id":"00000000-0000-4000-8000-000000000001","metadata":{"actor":"system:journey","occurredAt":"2026-09-01T08:00:00.000Z","schemaVersion":1},"revision":"0","scheme":2,"stream":"hire-jeugdzorg-west.h-0042","type":"StageReached"}';
const [PLACED_HASH_1, PLACED_HASH_2] = SCHEME_2_HASHES;
/** The scheme-1 hash of the first event, for the upcast of old links. */
const SCHEME_1_HASH_1 = SCHEME_1_HASHES[0];

const knownEvent = knownStageEvent;

describe('scheme 2 of the hire stream chain: the stream name and revision are hashed too', () => {
  it('hashes the canonical JSON of scheme, stream, revision (as text) and the event, keys sorted', () => {
    const { id, type, data, metadata } = knownEvent(1);
    expect(canonicalJson({ scheme: 2, stream: STREAM, revision: '0', id, type, data, metadata })).toBe(PLACED_1);
    expect(placedLinkHashOf(null, knownEvent(1), { streamName: STREAM, revision: 0n })).toBe(PLACED_HASH_1);
    expect(placedLinkHashOf(PLACED_HASH_1, knownEvent(2), { streamName: STREAM, revision: 1n })).toBe(PLACED_HASH_2);
  });

  it('gives the same event another hash in another stream or at another revision', () => {
    const here = placedLinkHashOf(null, knownEvent(1), { streamName: STREAM, revision: 0n });
    expect(placedLinkHashOf(null, knownEvent(1), { streamName: 'hire-jeugdzorg-west.h-0043', revision: 0n })).not.toBe(
      here,
    );
    expect(placedLinkHashOf(null, knownEvent(1), { streamName: STREAM, revision: 1n })).not.toBe(here);
  });

  it('reads a link without a scheme as scheme 1, and hashes it the old way', () => {
    const old = { chain: { previous: null, hash: SCHEME_1_HASH_1 } };
    expect(chainLinkOf(old)).toEqual({ previous: null, hash: SCHEME_1_HASH_1, scheme: 1 });
    expect(linkHashBySchemeOf(1, null, knownEvent(1), { streamName: STREAM, revision: 0n })).toBe(
      linkHashOf(null, knownEvent(1)),
    );
    expect(linkHashBySchemeOf(1, null, knownEvent(1), { streamName: STREAM, revision: 0n })).toBe(SCHEME_1_HASH_1);
  });

  it('refuses a scheme it does not know', () => {
    expect(chainLinkOf({ chain: { scheme: 3, previous: null, hash: PLACED_HASH_1 } })).toBeUndefined();
  });

  it('writes scheme 1 links in their old shape and newer ones with their scheme', () => {
    expect(linkMetadataOf({ scheme: 1, previous: null, hash: SCHEME_1_HASH_1 })).toEqual({
      previous: null,
      hash: SCHEME_1_HASH_1,
    });
    expect(linkMetadataOf({ scheme: 2, previous: null, hash: PLACED_HASH_1 })).toEqual({
      scheme: 2,
      previous: null,
      hash: PLACED_HASH_1,
    });
  });
});
