import { canonicalJson } from './canonicalJson';
import { CHAIN_KEY, type ChainedContent, chainLinkOf, linkHashOf } from './hireStreamChain';
import { knownStageEvent } from '../../test/support/knownChainEvents';
import { SCHEME_1_HASHES } from '../../test/support/knownChainHashes';

/*
 * Known vectors, so a change to what the hash covers (or how) is caught rather than recomputed. The texts were
 * written out by hand, and their hashes made once outside Node with coreutils (test/support/knownChainHashes.ts):
 *   printf '%s' '<CANONICAL_ACCENTS>' | sha256sum             # UTF-8 bytes of non-ASCII text
 */
const CANONICAL_1 =
  '{"data":{"dueDate":"2026-09-01","stage":"stage-0"},"id":"00000000-0000-4000-8000-000000000001","metadata":{"actor":"system:journey","occurredAt":"2026-09-01T08:00:00.000Z","schemaVersion":1},"type":"StageReached"}';
const CANONICAL_2 =
  '{"data":{"dueDate":"2026-09-01","stage":"stage-1"},"id":"00000000-0000-4000-8000-000000000002","metadata":{"actor":"system:journey","occurredAt":"2026-09-01T08:00:00.000Z","schemaVersion":1},"type":"StageReached"}';
const CANONICAL_ACCENTS = '{"data":{"note":"één café"},"id":"e-3","metadata":{"actor":"hr"},"type":"NoteAdded"}';
const HASH_ACCENTS = '69526c7af453401d9642158a5413a9ee2f3dd77f218adf626b3d2e5fd29fb7b7';

const [HASH_1, HASH_2] = SCHEME_1_HASHES;
const knownEvent = knownStageEvent;

describe('the hire stream chain against known vectors', () => {
  it('hashes the canonical JSON of id, type, data and metadata, keys sorted, with no predecessor for the first event', () => {
    const { id, type, data, metadata } = knownEvent(1);
    expect(canonicalJson({ id, type, data, metadata })).toBe(CANONICAL_1);
    expect(linkHashOf(null, knownEvent(1))).toBe(HASH_1);
  });

  it('puts the predecessor hash in front of the content', () => {
    const { id, type, data, metadata } = knownEvent(2);
    expect(canonicalJson({ id, type, data, metadata })).toBe(CANONICAL_2);
    expect(linkHashOf(HASH_1, knownEvent(2))).toBe(HASH_2);
  });

  it('leaves the event’s own link out of what it hashes', () => {
    const event = knownEvent(2);
    const linked = { ...event, metadata: { ...event.metadata, chain: { previous: HASH_1, hash: 'anything' } } };
    expect(linkHashOf(HASH_1, linked)).toBe(HASH_2);
  });

  it('hashes text as UTF-8', () => {
    const event: ChainedContent = {
      id: 'e-3',
      type: 'NoteAdded',
      data: { note: 'één café' },
      metadata: { actor: 'hr' },
    };
    expect(linkHashOf(null, event)).toBe(HASH_ACCENTS);
    expect(canonicalJson(event)).toBe(CANONICAL_ACCENTS);
  });
});

describe('canonical JSON', () => {
  it('sorts keys by code unit at every depth, keeps array order and drops what JSON drops', () => {
    const value = {
      b: [{ z: 1, a: 2 }, 'x'],
      a: { é: 1, e: 2, Z: 3, _: 4 },
      B: null,
      gone: undefined,
      when: new Date('2026-09-01T08:00:00.000Z'),
    };
    expect(canonicalJson(value)).toBe(
      '{"B":null,"a":{"Z":3,"_":4,"e":2,"é":1},"b":[{"a":2,"z":1},"x"],"when":"2026-09-01T08:00:00.000Z"}',
    );
  });

  it('writes undefined as null, as the store would', () => {
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('reading an event’s link', () => {
  it('is metadata.chain with a string hash, a string or null predecessor and its scheme (1 when it names none)', () => {
    expect(CHAIN_KEY).toBe('chain');
    expect(chainLinkOf({ chain: { previous: null, hash: HASH_1 } })).toEqual({
      previous: null,
      hash: HASH_1,
      scheme: 1,
    });
    expect(chainLinkOf({ chain: { previous: HASH_1, hash: HASH_2, extra: 1 } })).toEqual({
      previous: HASH_1,
      hash: HASH_2,
      scheme: 1,
    });
    expect(chainLinkOf({ chain: { scheme: 2, previous: HASH_1, hash: HASH_2 } })).toEqual({
      previous: HASH_1,
      hash: HASH_2,
      scheme: 2,
    });
    expect(chainLinkOf({ chain: { scheme: 3, previous: HASH_1, hash: HASH_2 } })).toBeUndefined();
  });

  it('is no link when any part is missing or of another type', () => {
    for (const chain of [
      undefined,
      null,
      'x',
      7,
      [],
      { previous: null },
      { previous: null, hash: 7 },
      { previous: 7, hash: HASH_1 },
      { hash: HASH_1 },
    ]) {
      expect(chainLinkOf(chain === undefined ? {} : ({ chain } as never))).toBeUndefined();
    }
  });
});
