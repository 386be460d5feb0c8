import type { ChainHeads } from '../../services/event-store/chainHeadLog';
import { entryHashOf, signedHeadText } from '../../services/event-store/chainHeadLog';
import { ChainSigningKey, verifiesWith } from '../../services/event-store/chainSigningKey';

/** Two handles on one head log (two processes, or two hosts), signing with one key at a fixed time. */
export interface OpenedHeadLogs {
  readonly a: ChainHeads;
  readonly b: ChainHeads;
  readonly key: ChainSigningKey;
  close(): Promise<void>;
}

const hashOf = (digit: string) => digit.repeat(64);
export const SIGNED_AT = new Date('2026-12-01T09:00:00.000Z');

/**
 * What every head log does, on each adapter (services/event-store/chainHeadLog.ts, postgresChainHeadLog.ts): entries
 * numbered over every stream and chained to the one before, each signed; only ever forwards per stream; a prefix
 * taken literally; and the writers of two processes adding to one log without a gap or a fork.
 */
export function describeChainHeadLog(adapter: string, open: () => Promise<OpenedHeadLogs>): void {
  describe(`the chain head log on ${adapter}`, () => {
    let logs: OpenedHeadLogs;
    beforeEach(async () => {
      logs = await open();
    });
    afterEach(() => logs.close());

    it('numbers entries over every stream, chains each to the one before, and signs each with the key', async () => {
      const { a, b, key } = logs;
      await a.record('hire-org.h-a', 1n, hashOf('1'));
      await b.record('hire-org.h-b', 0n, hashOf('2'));
      await a.record('hire-org.h-a', 3n, hashOf('3'));
      const entries = await b.entries();
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
        expect(head).toMatchObject({ signedAt: SIGNED_AT.toISOString(), keyId: key.keyId });
        expect(verifiesWith(a.publicKey, signedHeadText(head), head.signature)).toBe(true);
        expect(verifiesWith(ChainSigningKey.ephemeral().publicKey, signedHeadText(head), head.signature)).toBe(false);
      }
    });

    it('only ever goes forwards: a head at or behind the newest of its stream adds nothing, compared as numbers', async () => {
      const { a, b } = logs;
      await a.record('hire-org.h-a', 9n, hashOf('9'));
      await b.record('hire-org.h-a', 9n, hashOf('e'));
      await a.record('hire-org.h-a', 2n, hashOf('2'));
      // "10" sorts before "9" as text: the log compares revisions as numbers.
      await b.record('hire-org.h-a', 10n, hashOf('a'));
      await a.record('hire-org.h-a', 9n, hashOf('9'));
      expect((await a.entries()).map((head) => head.revision)).toEqual(['9', '10']);
      expect(await b.latest('hire-org.h-a')).toMatchObject({ seq: 2, revision: '10', hash: hashOf('a') });
      expect(await b.latest('hire-org.h-unknown')).toBeUndefined();
    });

    it('lists the entries of the streams a prefix starts, the prefix taken literally (no LIKE wildcards)', async () => {
      const { a } = logs;
      await a.record('hire-org_1.h-a', 0n, hashOf('1'));
      await a.record('hire-orgX1.h-b', 0n, hashOf('2'));
      await a.record('hire-org_1.h-c', 0n, hashOf('3'));
      await a.record('other-org_1.h-d', 0n, hashOf('4'));
      expect((await a.entries('hire-org_1.')).map((head) => [head.seq, head.streamName])).toEqual([
        [1, 'hire-org_1.h-a'],
        [3, 'hire-org_1.h-c'],
      ]);
      expect(await a.entries()).toHaveLength(4);
    });

    it('keeps one unbroken log when two writers record at once', async () => {
      const { a, b } = logs;
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? a : b).record(`hire-org.h-${index % 5}`, BigInt(index), hashOf((index % 10).toString())),
        ),
      );
      const entries = await a.entries();
      expect(entries.map((head) => head.seq)).toEqual(entries.map((_, index) => index + 1));
      entries.forEach((head, index) => {
        expect(head.previousEntry).toBe(index === 0 ? null : entryHashOf(entries[index - 1]!));
      });
      // Per stream only forwards, whatever order the writers got the log in.
      for (let stream = 0; stream < 5; stream += 1) {
        const revisions = entries
          .filter((head) => head.streamName === `hire-org.h-${stream}`)
          .map((head) => Number(head.revision));
        expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
        expect(new Set(revisions).size).toBe(revisions.length);
      }
    });
  });
}
