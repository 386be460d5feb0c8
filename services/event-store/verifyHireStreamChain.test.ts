import { knownStageEvent } from '../../test/support/knownChainEvents';
import { SCHEME_1_HASHES, SCHEME_2_HASHES } from '../../test/support/knownChainHashes';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';
import type { JsonObject, NewEvent } from './eventStore';
import { SqliteEventStore } from './sqliteEventStore';
import { type SignedHead, signedHeadText } from './chainHeadLog';
import { ChainSigningKey } from './chainSigningKey';
import { linkHashOf } from './hireStreamChain';
import {
  RECORDED_AT_SKEW_MS,
  type StoredEvent,
  checkHireStreamChain,
  verifyHireStreamChain,
} from './verifyHireStreamChain';

/*
 * The verifier against links written out by hand, not made by the code under test: a stream as another writer (or
 * an older version of this one) stored it. The hashes were made outside Node with coreutils over the canonical texts
 * of hireStreamChain.test.ts (scheme 1) and hireStreamChainScheme.test.ts (scheme 2), see
 * test/support/knownChainHashes.ts; for the scheme-2 hash in
 * stream h-0043 the stream name in PLACED_1 was changed to h-0043 and hashed again:
 *   printf '%s' '<PLACED_1 with h-0043>' | sha256sum
 */
const STREAM = 'hire-jeugdzorg-west.h-0042';
const OTHER_STREAM = 'hire-jeugdzorg-west.h-0043';
const SCHEME_1 = SCHEME_1_HASHES;
const SCHEME_2 = SCHEME_2_HASHES;
const SCHEME_2_FIRST_IN_OTHER_STREAM = '05936c57d78e70dede201aad2859e57a525da338616a5abd9169ed7b2b9f2d68';

/** Known event 1 or 2 as stored, carrying the link given. */
function stored(index: 1 | 2, chain: JsonObject): NewEvent {
  const { id, type, data, metadata } = knownStageEvent(index);
  return { id, type, data, metadata: { ...metadata, chain } };
}

const CONTENT_CHANGED = 'the event’s content does not match its hash';
/** The known scheme-2 links of the two known events in STREAM. */
const SCHEME_2_LINKS = [
  { scheme: 2, previous: null, hash: SCHEME_2[0] },
  { scheme: 2, previous: SCHEME_2[0], hash: SCHEME_2[1] },
];

describe('verifying a hire stream against known link hashes', () => {
  const directory = temporaryDirectory('verify');
  const stores: SqliteEventStore[] = [];

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  /**
   * Known event 1 (and 2) carrying the links given, each stream in a store of its own: the known events' ids are
   * unique in a store, and several streams hold them.
   */
  async function verifyWritten(stream: string, links: readonly JsonObject[]) {
    const store = new SqliteEventStore(directory.file(`${stream}.sqlite`));
    stores.push(store);
    const events = links.map((chain, i) => stored((i + 1) as 1 | 2, chain));
    await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
    return verifyHireStreamChain(store, stream);
  }

  const offByOne = `${SCHEME_2[1].slice(0, -1)}${SCHEME_2[1].endsWith('c') ? 'd' : 'c'}`;
  it.each([
    {
      known: 'accepts the scheme-2 links of the two known events',
      stream: STREAM,
      links: SCHEME_2_LINKS,
      verdict: { ok: true, events: 2 },
    },
    {
      known: 'accepts a stream written before the scheme: its links carry no scheme and hash the content only',
      stream: STREAM,
      links: [
        { previous: null, hash: SCHEME_1[0] },
        { previous: SCHEME_1[0], hash: SCHEME_1[1] },
      ],
      verdict: { ok: true, events: 2 },
    },
    {
      known: 'hashes the stream name as written: the same event has its own known hash in another stream',
      stream: OTHER_STREAM,
      links: [{ scheme: 2, previous: null, hash: SCHEME_2_FIRST_IN_OTHER_STREAM }],
      verdict: { ok: true, events: 1 },
    },
    {
      known: 'hashes the stream name as written: links copied to another stream break at the first',
      stream: 'hire-jeugdzorg-west.h-0044',
      links: SCHEME_2_LINKS,
      verdict: { ok: false, brokenAt: 0n, reason: CONTENT_CHANGED },
    },
    {
      known: 'refuses a link one hex digit off the known hash',
      stream: STREAM,
      links: [SCHEME_2_LINKS[0]!, { scheme: 2, previous: SCHEME_2[0], hash: offByOne }],
      verdict: { ok: false, brokenAt: 1n, reason: CONTENT_CHANGED },
    },
    {
      known: 'refuses a scheme-1 hash given as scheme 2',
      stream: OTHER_STREAM,
      links: [{ scheme: 2, previous: null, hash: SCHEME_1[0] }],
      verdict: { ok: false, brokenAt: 0n, reason: CONTENT_CHANGED },
    },
    {
      known: 'refuses a known link that points at another predecessor than the stored one',
      stream: STREAM,
      links: [SCHEME_2_LINKS[0]!, { scheme: 2, previous: SCHEME_1[0], hash: SCHEME_2[1] }],
      verdict: { ok: false, brokenAt: 1n, reason: 'the link does not point at the preceding event’s hash' },
    },
    {
      known: 'refuses a link that falls back to scheme 1 once the stream is placed, though its scheme-1 hash is right',
      stream: STREAM,
      links: [SCHEME_2_LINKS[0]!, { previous: SCHEME_2[0], hash: linkHashOf(SCHEME_2[0], knownStageEvent(2)) }],
      verdict: { ok: false, brokenAt: 1n, reason: 'the link falls back to an older hash scheme' },
    },
  ])('$known', async ({ stream, links, verdict }) => {
    expect(await verifyWritten(stream, links)).toEqual(verdict);
  });

  describe('against a signed head', () => {
    const key = ChainSigningKey.ephemeral();
    const signedAt = '2026-09-01T08:00:00.000Z';
    function headOf(streamName: string): SignedHead {
      const unsigned = {
        seq: 1,
        streamName,
        revision: '1',
        hash: SCHEME_2[1],
        signedAt,
        previousEntry: null,
        keyId: key.keyId,
      };
      return { ...unsigned, signature: key.sign(signedHeadText(unsigned)) };
    }
    /** The two known events as stored, recorded `afterMs` after the head was signed. */
    const events = (afterMs: number): StoredEvent[] =>
      ([1, 2] as const).map((index) => {
        const event = stored(index, SCHEME_2_LINKS[index - 1]!);
        return {
          ...event,
          metadata: event.metadata!,
          revision: BigInt(index - 1),
          recordedAt: new Date(Date.parse(signedAt) + afterMs),
        };
      });

    it('accepts events recorded up to the clock skew after their head, and refuses one recorded later', async () => {
      const signed = { head: headOf(STREAM), publicKey: key.publicKey };
      expect(await checkHireStreamChain(STREAM, events(RECORDED_AT_SKEW_MS), signed)).toEqual({
        ok: true,
        events: 2,
        signedThrough: 2,
      });
      expect(await checkHireStreamChain(STREAM, events(RECORDED_AT_SKEW_MS + 1), signed)).toEqual({
        ok: false,
        brokenAt: 0n,
        reason: 'the event’s recorded time is after the signed head that covers it',
      });
    });

    it('refuses a head signed with the key but about another stream', async () => {
      expect(
        await checkHireStreamChain(STREAM, events(0), { head: headOf(OTHER_STREAM), publicKey: key.publicKey }),
      ).toEqual({
        ok: false,
        brokenAt: 0n,
        reason: 'the signed head of this stream does not carry a valid signature',
      });
    });
  });
});
