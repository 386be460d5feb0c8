import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainHeadLog, type SignedHead, entryHashOf, signedHeadText } from './chainHeadLog';
import { ChainSigningKey } from './chainSigningKey';
import { SIGNED_AT, describeChainHeadLog } from '../../test/contracts/chainHeadLogContract';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

/**
 * The head log on its own: the exact text each entry signs, the order and chaining of entries, forwards only,
 * and the file's lifecycle. tamperEvidence.test.ts shows what the log catches once a store writes to it.
 */
const hashOf = (digit: string) => digit.repeat(64);
const at = SIGNED_AT;

describe('the chain head log', () => {
  const directory = temporaryDirectory('heads');
  let key: ChainSigningKey;
  let log: ChainHeadLog;

  beforeEach(() => {
    key = ChainSigningKey.ephemeral();
    log = new ChainHeadLog(directory.file('chain-heads.sqlite'), key, () => at);
  });

  afterEach(() => log.close());

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

  it('keeps its entries in its file, and a reopened log goes on from the last of them', async () => {
    await log.record('hire-org.h-a', 0n, hashOf('1'));
    await log.close();
    log = new ChainHeadLog(directory.file('chain-heads.sqlite'), key, () => at);
    await log.record('hire-org.h-a', 1n, hashOf('2'));
    const [first, second] = await log.entries();
    expect(second).toMatchObject({ seq: 2, previousEntry: entryHashOf(first!) });
  });

  it('closes its file when closed: nothing is recorded after', async () => {
    await log.close();
    await expect(log.record('hire-org.h-a', 0n, hashOf('1'))).rejects.toThrow(/not open/);
  });

  it('keeps an in-memory log in memory, making no file named ":memory:"', async () => {
    const cwd = process.cwd();
    process.chdir(directory.path());
    try {
      const memory = new ChainHeadLog(':memory:', key);
      await memory.record('hire-org.h-a', 0n, hashOf('1'));
      expect(await memory.entries()).toHaveLength(1);
      await memory.close();
      expect(existsSync(directory.file(':memory:'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });
});

// Two handles on one file, as two processes sharing a data folder open it.
describeChainHeadLog('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'soft-landing-heads-'));
  const key = ChainSigningKey.ephemeral();
  const path = join(folder, 'chain-heads.sqlite');
  const a = new ChainHeadLog(path, key, () => SIGNED_AT);
  const b = new ChainHeadLog(path, key, () => SIGNED_AT);
  return {
    a,
    b,
    key,
    close: async () => {
      await a.close();
      await b.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
