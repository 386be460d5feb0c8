import { canonicalJson } from './canonicalJson';
import { chainLinkOf, linkHashBySchemeOf, linkHashOf, linkMetadataOf, placedLinkHashOf } from './hireStreamChain';
import { knownStageEvent } from '../../test/support/knownChainEvents';

/*
 * Scheme 2 vectors, hashed once outside Node with coreutils, as hireStreamChain.test.ts does for scheme 1:
 *   H1=$(printf '%s' '<PLACED_1>' | sha256sum); H2=$(printf '%s%s' "$H1" '<PLACED_2>' | sha256sum)
 */
const STREAM = 'hire-jeugdzorg-west.h-0042';
const PLACED_1 =
  '{"data":{"dueDate":"2026-09-01","stage":"stage-0"},"id":"00000000-0000-4000-8000-000000000001","metadata":{"actor":"system:journey","occurredAt":"2026-09-01T08:00:00.000Z","schemaVersion":1},"revision":"0","scheme":2,"stream":"hire-jeugdzorg-west.h-0042","type":"StageReached"}';
const PLACED_HASH_1 = 'f7ad3638fdc640d2b3313bd290969ce0ba248983e994f1fbf47da82ef954ebd5';
const PLACED_HASH_2 = '4535e244d8c1490424dce5f2f0b03ece0c1154d40ae88e08f0b33fb27d4514fc';
/** The scheme-1 hash of the first event (hireStreamChain.test.ts), for the upcast of old links. */
const SCHEME_1_HASH_1 = '209add3393dddfd5eb2e393ead1592bb38dc9f2ce9dff5b9c9a4450ab517f1e5';

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
