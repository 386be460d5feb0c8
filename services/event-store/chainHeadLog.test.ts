import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainHeadLog, type SignedHead, entryHashOf, signedHeadText } from './chainHeadLog';
import { ChainSigningKey, verifiesWith } from './chainSigningKey';

/**
 * The head log on its own: the exact text each entry signs, the order and chaining of entries, forwards only,
 * and the file's lifecycle. tamperEvidence.test.ts shows what the log catches once a store writes to it.
 */
const hashOf = (digit: string) => digit.repeat(64);
const at = new Date('2026-12-01T09:00:00.000Z');

describe('the chain head log', () => {
  let directory: string;
  let key: ChainSigningKey;
  let log: ChainHeadLog;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'soft-landing-heads-'));
    key = ChainSigningKey.ephemeral();
    log = new ChainHeadLog(join(directory, 'chain-heads.sqlite'), key, () => at);
  });

  afterEach(() => {
    try {
      log.close();
    } catch {
      // Closed by the test already.
    }
    rmSync(directory, { recursive: true, force: true });
  });

  it('signs a known text for a known head, and the next entry holds its sha256 (vector computed with sha256sum)', () => {
    const head: SignedHead = {
      seq: 1,
      streamName: 'hire-jeugdzorg-west.h-1',
      revision: '4',
      hash: hashOf('a'),
      signedAt: '2026-12-01T09:00:00.000Z',
      previousEntry: null,
      keyId: '0123456789abcdef',
      signature: 'not part of the signed text',
    };
    const text = signedHeadText(head);
    expect(text).toBe(
      `{"format":"soft-landing.chain-head.v1","hash":"${hashOf('a')}","keyId":"0123456789abcdef","previousEntry":null,"revision":"4","seq":1,"signedAt":"2026-12-01T09:00:00.000Z","stream":"hire-jeugdzorg-west.h-1"}`,
    );
    // printf '%s' "<the text above>" | sha256sum
    expect(entryHashOf(head)).toBe('df645de656bb4759ba6dc574461778173c249b732470c6cf1b3fce95b7c47f4c');
    expect(entryHashOf(head)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('numbers entries over every stream, chains each to the one before, and signs each with the key', () => {
    log.record('hire-org.h-a', 1n, hashOf('1'));
    log.record('hire-org.h-b', 0n, hashOf('2'));
    log.record('hire-org.h-a', 3n, hashOf('3'));
    const entries = log.entries();
    expect(entries.map(({ seq, streamName, revision, hash }) => [seq, streamName, revision, hash])).toEqual([
      [1, 'hire-org.h-a', '1', hashOf('1')],
      [2, 'hire-org.h-b', '0', hashOf('2')],
      [3, 'hire-org.h-a', '3', hashOf('3')],
    ]);
    expect(entries.map((head) => head.previousEntry)).toEqual([
      null,
      entryHashOf(entries[0]!),
      entryHashOf(entries[1]!),
    ]);
    for (const head of entries) {
      expect(head).toMatchObject({ signedAt: at.toISOString(), keyId: key.keyId });
      expect(verifiesWith(log.publicKey, signedHeadText(head), head.signature)).toBe(true);
      expect(verifiesWith(ChainSigningKey.ephemeral().publicKey, signedHeadText(head), head.signature)).toBe(false);
    }
  });

  it('only ever goes forwards: a head at or behind the newest of its stream adds nothing, compared as numbers', () => {
    log.record('hire-org.h-a', 9n, hashOf('9'));
    log.record('hire-org.h-a', 9n, hashOf('e'));
    log.record('hire-org.h-a', 2n, hashOf('2'));
    // "10" sorts before "9" as text: the log compares revisions as numbers.
    log.record('hire-org.h-a', 10n, hashOf('a'));
    log.record('hire-org.h-a', 9n, hashOf('9'));
    expect(log.entries().map((head) => head.revision)).toEqual(['9', '10']);
    expect(log.latest('hire-org.h-a')).toMatchObject({ seq: 2, revision: '10', hash: hashOf('a') });
    expect(log.latest('hire-org.h-unknown')).toBeUndefined();
  });

  it('lists the entries of the streams a prefix starts, the prefix taken literally (no LIKE wildcards)', () => {
    log.record('hire-org_1.h-a', 0n, hashOf('1'));
    log.record('hire-orgX1.h-b', 0n, hashOf('2'));
    log.record('hire-org_1.h-c', 0n, hashOf('3'));
    log.record('other-org_1.h-d', 0n, hashOf('4'));
    expect(log.entries('hire-org_1.').map((head) => [head.seq, head.streamName])).toEqual([
      [1, 'hire-org_1.h-a'],
      [3, 'hire-org_1.h-c'],
    ]);
    expect(log.entries()).toHaveLength(4);
  });

  it('keeps its entries in its file, and a reopened log goes on from the last of them', () => {
    log.record('hire-org.h-a', 0n, hashOf('1'));
    log.close();
    log = new ChainHeadLog(join(directory, 'chain-heads.sqlite'), key, () => at);
    log.record('hire-org.h-a', 1n, hashOf('2'));
    const [first, second] = log.entries();
    expect(second).toMatchObject({ seq: 2, previousEntry: entryHashOf(first!) });
  });

  it('closes its file when closed: nothing is recorded after', () => {
    log.close();
    expect(() => log.record('hire-org.h-a', 0n, hashOf('1'))).toThrow(/not open/);
  });

  it('keeps an in-memory log in memory, making no file named ":memory:"', () => {
    const cwd = process.cwd();
    process.chdir(directory);
    try {
      const memory = new ChainHeadLog(':memory:', key);
      memory.record('hire-org.h-a', 0n, hashOf('1'));
      expect(memory.entries()).toHaveLength(1);
      memory.close();
      expect(existsSync(join(directory, ':memory:'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });
});
