import { randomUUID } from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import { type ChainExport, exportChains, verifyChainExport } from './chainExport';
import { ChainHeadLog, type SignedHead, entryHashOf, signedHeadText } from './chainHeadLog';
import { ChainSigningKey } from './chainSigningKey';

import { HashChainedEventStore } from './hashChainedEventStore';
import { SqliteEventStore } from './sqliteEventStore';
import { hireStreamName } from './streamNames';
import { stageEvent } from '../../test/support/knownChainEvents';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

/**
 * Each finding of the offline verifier, in its exact words, for an export altered in one way only. Where the
 * alteration would also break the signature over the whole file, the test signs the file again with the
 * organisation's key (`signedAgain`): what is left is the one finding the alteration itself must produce.
 * tamperEvidence.test.ts covers what a writer of the store files without the key can do.
 */
const west = `west-${randomUUID().slice(0, 8)}`;
const east = `east-${randomUUID().slice(0, 8)}`;
const streamA = hireStreamName({ organisationId: west, hireId: 'h-a' });
const streamB = hireStreamName({ organisationId: west, hireId: 'h-b' });
const streamC = hireStreamName({ organisationId: east, hireId: 'h-c' });
const NOT_AN_EXPORT = 'not a chain export (soft-landing.chain-export.v1)';

describe('the chain export’s verdicts, one finding at a time', () => {
  // A fresh store for every test (they only read it; a few ms each), so no test can see another's changes.
  const directory = temporaryDirectory('export');
  let key: ChainSigningKey;
  let raw: SqliteEventStore;
  let heads: ChainHeadLog;

  beforeEach(async () => {
    key = ChainSigningKey.ephemeral();
    raw = new SqliteEventStore(directory.file('events.sqlite'));
    heads = new ChainHeadLog(directory.file('chain-heads.sqlite'), key);
    const store = new HashChainedEventStore(raw, heads);
    // Interleaved, so one organisation's heads are not a run of the log: 1 A@1, 2 C@0, 3 A@3, 4 B@1, 5 A@4.
    await store.appendToStream(streamA, [stageEvent(0), stageEvent(1)], { expectedRevision: 'no_stream' });
    await store.appendToStream(streamC, [stageEvent(0)], { expectedRevision: 'no_stream' });
    await store.appendToStream(streamA, [stageEvent(2), stageEvent(3)], { expectedRevision: 1n });
    await store.appendToStream(streamB, [stageEvent(0), stageEvent(1)], { expectedRevision: 'no_stream' });
    await store.appendToStream(streamA, [stageEvent(4)], { expectedRevision: 'any' });
  });

  afterEach(async () => {
    await heads.close();
    await raw.close();
  });

  const exported = (options: { organisationId?: string } = {}) => exportChains({ store: raw, heads, key }, options);
  const parsed = (text: string) => JSON.parse(text) as ChainExport;
  const verify = (text: string, options: { since?: string } = {}) => verifyChainExport(text, key.publicKey, options);
  const problemsOf = async (text: string, options: { since?: string } = {}) => (await verify(text, options)).problems;

  /** The document signed as a whole again, as only the key's holder can. */
  function signedAgain(document: ChainExport): string {
    const { exportSignature: _old, ...unsigned } = document;
    return canonicalJson({ ...unsigned, exportSignature: key.sign(canonicalJson(unsigned)) });
  }

  /** A head signed with the organisation's key: a forgery only the key's holder could make. */
  function signedHead(head: Omit<SignedHead, 'signature'>): SignedHead {
    return { ...head, signature: key.sign(signedHeadText(head)) };
  }

  /** The verdict on a file the verifier could not read as an export: its problems, and no stream or event counted. */
  const nothingCounted = (problems: string[]) => ({
    ok: false,
    keyId: key.keyId,
    streams: 0,
    events: 0,
    unsignedStreams: [],
    eventsAfterHeads: 0,
    problems,
  });

  const withHeads = (document: ChainExport, changed: SignedHead[]): ChainExport => ({ ...document, heads: changed });

  it('verifies an honest export with every count, and finds nothing', async () => {
    const text = await exported();
    const document = parsed(text);
    expect(document.format).toBe('soft-landing.chain-export.v1');
    expect(document.completeLog).toBe(true);
    expect(document.heads.map((head) => [head.seq, head.streamName, head.revision])).toEqual([
      [1, streamA, '1'],
      [2, streamC, '0'],
      [3, streamA, '3'],
      [4, streamB, '1'],
      [5, streamA, '4'],
    ]);
    expect(await verify(text)).toEqual({
      ok: true,
      keyId: key.keyId,
      streams: 3,
      events: 8,
      unsignedStreams: [],
      eventsAfterHeads: 0,
      problems: [],
    });
    expect(await problemsOf(text, { since: text })).toEqual([]);
  });

  it('exports one organisation with its own heads only, not as the complete log, and they verify with gaps in seq', async () => {
    const text = await exported({ organisationId: west });
    const document = parsed(text);
    expect(document.completeLog).toBe(false);
    expect(document.heads.map((head) => head.seq)).toEqual([1, 3, 4, 5]);
    expect(document.streams.map((stream) => stream.streamName).sort()).toEqual([streamA, streamB].sort());
    expect(await verify(text)).toMatchObject({ ok: true, streams: 2, events: 7, problems: [] });
  });

  it('finds an entry taken out of the complete log: the log skips, and the next entry does not follow', async () => {
    const document = parsed(await exported());
    const text = signedAgain(
      withHeads(
        document,
        document.heads.filter((head) => head.seq !== 3),
      ),
    );
    expect(await problemsOf(text)).toEqual([
      `head 4 (${streamB}): the head log skips from 2 to 4`,
      `head 4 (${streamB}): does not follow the entry before it`,
      `head 5 (${streamA}): the head log skips from 3 to 5`,
    ]);
  });

  it('finds a signed head that does not go forwards from the one before it in its stream', async () => {
    const document = parsed(await exported());
    const newest = document.heads[4]!;
    const { signature: _signature, ...unsigned } = newest;
    const again = signedHead({ ...unsigned, seq: 6, previousEntry: entryHashOf(newest) });
    expect(await problemsOf(signedAgain(withHeads(document, [...document.heads, again])))).toEqual([
      `head 6 (${streamA}): goes back from revision 4`,
    ]);
  });

  it('finds a head signed with another key, and an export that names another key than the one given', async () => {
    const document = parsed(await exported());
    const other = ChainSigningKey.ephemeral();
    const foreign = document.heads.map((head) =>
      head.seq === 4 ? { ...head, signature: other.sign(signedHeadText(head)) } : head,
    );
    expect(await problemsOf(signedAgain(withHeads(document, foreign)))).toEqual([
      `head 4 (${streamB}): the signature does not hold`,
      `${streamB} at revision 0: the signed head of this stream does not carry a valid signature`,
    ]);
    expect(await problemsOf(signedAgain({ ...document, keyId: 'ffffffffffffffff' }))).toEqual([
      `the export says key ffffffffffffffff, the key given is ${key.keyId}`,
    ]);
  });

  it('finds bytes added to the file even where the document stays the same, and a change the signature covers', async () => {
    const text = await exported();
    expect(await problemsOf(`${text}\n`)).toEqual([
      'the file is not the text that was exported: bytes were added or changed',
    ]);
    const later = signedAgain(parsed(text)).replace(parsed(text).exportedAt, '2030-01-01T00:00:00.000Z');
    expect(await verify(later)).toEqual({
      ok: false,
      keyId: key.keyId,
      streams: 3,
      events: 8,
      unsignedStreams: [],
      eventsAfterHeads: 0,
      problems: ['the signature over the whole export does not hold'],
    });
  });

  it('calls anything that is not a chain export by that name, with nothing counted', async () => {
    const document = parsed(await exported());
    const notExports = [
      'null',
      '[]',
      '"soft-landing.chain-export.v1"',
      '{}',
      JSON.stringify({ ...document, format: 'soft-landing.chain-export.v2' }),
      JSON.stringify({ ...document, keyId: 5 }),
      JSON.stringify({ ...document, completeLog: 'yes' }),
      JSON.stringify({ ...document, heads: {} }),
      JSON.stringify({ ...document, streams: {} }),
    ];
    for (const text of notExports) {
      expect({ text, verdict: await verify(text) }).toEqual({
        text,
        verdict: nothingCounted([NOT_AN_EXPORT]),
      });
    }
  });

  it('reports a malformed export as such, never as a crash, with nothing counted', async () => {
    const document = parsed(await exported());
    const [first, ...rest] = document.streams;
    const broken = {
      ...document,
      streams: [{ ...first!, events: [{ ...first!.events[0]!, revision: 'x' }] }, ...rest],
    };
    expect(await verify(signedAgain(broken))).toEqual(
      nothingCounted(['the export is malformed: Cannot convert x to a BigInt']),
    );
  });

  it('finds a head log rolled back with its events against an earlier export, head by head', async () => {
    const earlier = await exported();
    const document = parsed(earlier);
    const rolledBack = signedAgain({
      ...document,
      heads: document.heads.filter((head) => head.seq !== 5),
      streams: document.streams.map((stream) =>
        stream.streamName === streamA ? { ...stream, events: stream.events.slice(0, 4) } : stream,
      ),
    });
    // On its own the rolled-back export holds together: only the earlier one shows what went.
    expect(await problemsOf(rolledBack)).toEqual([]);
    expect(await problemsOf(rolledBack, { since: earlier })).toEqual([
      `${streamA}: the earlier export's signed head at revision 4 is missing from this one`,
    ]);
    expect(await problemsOf(earlier, { since: '{}' })).toEqual([
      'the earlier export is not a chain export (soft-landing.chain-export.v1)',
    ]);
  });
});
