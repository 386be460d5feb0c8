import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { collect } from '../../test/contracts/eventStoreContract';
import { ChainHeadLog } from './chainHeadLog';
import { exportChains, verifyChainExport } from './chainExport';
import { ChainSigningKey, publicKeyFromPem } from './chainSigningKey';
import type { RecordedEvent } from './eventStore';
import { HashChainedEventStore } from './hashChainedEventStore';
import { chainLinkOf, linkHashOf, placedLinkHashOf } from './hireStreamChain';
import { SqliteEventStore } from './sqliteEventStore';
import { hireStreamName } from './streamNames';
import { runVerifyExport } from './verifyExportCommand';
import { verifyHireStreamChain } from './verifyHireStreamChain';
import { stageEvent } from '../../test/support/knownChainEvents';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

/**
 * Someone who can write the SQLite file of the store (and even the head log's), but has not got the signing key:
 * each thing they could do to a hire's history, done to the real files, and found.
 */
const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
const streamA = hireStreamName({ organisationId, hireId: 'h-a' });
const streamB = hireStreamName({ organisationId, hireId: 'h-b' });

describe('tamper evidence against write access to the store', () => {
  const directory = temporaryDirectory('tamper');
  let eventsPath: string;
  let headsPath: string;
  let key: ChainSigningKey;
  let raw: SqliteEventStore;
  let heads: ChainHeadLog;
  let store: HashChainedEventStore;

  beforeEach(async () => {
    eventsPath = directory.file('data', 'events.sqlite');
    headsPath = directory.file('data', 'chain-heads.sqlite');
    key = ChainSigningKey.fromKeyFile(directory.file('data-keys', 'chain-signing-key'));
    raw = new SqliteEventStore(eventsPath);
    heads = new ChainHeadLog(headsPath, key);
    store = new HashChainedEventStore(raw, heads);
    // Three append batches to A (so three heads), one to B.
    await store.appendToStream(streamA, [stageEvent(0), stageEvent(1)], { expectedRevision: 'no_stream' });
    await store.appendToStream(streamA, [stageEvent(2), stageEvent(3)], { expectedRevision: 1n });
    await store.appendToStream(streamA, [stageEvent(4)], { expectedRevision: 'any' });
    await store.appendToStream(streamB, [stageEvent(0), stageEvent(1)], { expectedRevision: 'no_stream' });
  });

  afterEach(() => store.close());

  function onFile<T>(path: string, change: (db: Database.Database) => T): T {
    const db = new Database(path);
    try {
      return change(db);
    } finally {
      db.close();
    }
  }

  const stored = (stream: string): Promise<RecordedEvent[]> => collect(raw.readStream(stream));
  const verify = (stream: string) => verifyHireStreamChain(raw, stream, heads);

  it('verifies an honest history, every event under a signed head, and keeps one head per append', async () => {
    expect(await verify(streamA)).toEqual({ ok: true, events: 5, signedThrough: 5 });
    expect(await verify(streamB)).toEqual({ ok: true, events: 2, signedThrough: 2 });
    expect((await heads.entries()).map((head) => [head.streamName, head.revision])).toEqual([
      [streamA, '1'],
      [streamA, '3'],
      [streamA, '4'],
      [streamB, '1'],
    ]);
  });

  it('signs nothing again for a retried append', async () => {
    const retried = stageEvent(5);
    await store.appendToStream(streamA, [retried], { expectedRevision: 4n });
    await store.appendToStream(streamA, [retried], { expectedRevision: 4n });
    expect((await heads.entries()).filter((head) => head.streamName === streamA)).toHaveLength(4);
    expect(await verify(streamA)).toEqual({ ok: true, events: 6, signedThrough: 6 });
  });

  it('finds an edited event', async () => {
    onFile(eventsPath, (db) =>
      db
        .prepare(`UPDATE events SET data = json_set(data, '$.stage', 'skipped') WHERE stream = ? AND revision = 2`)
        .run(streamA),
    );
    expect(await verify(streamA)).toEqual({ ok: false, brokenAt: 2n, reason: expect.stringMatching(/content/) });
  });

  it('finds an edit whose every later hash was recomputed, so the links alone still hold', async () => {
    const events = await stored(streamA);
    let previous: string | null = null;
    onFile(eventsPath, (db) => {
      for (const event of events) {
        const data = event.revision === 1n ? { ...event.data, stage: 'skipped' } : event.data;
        const hash = placedLinkHashOf(previous, { ...event, data }, { streamName: streamA, revision: event.revision });
        const metadata = { ...event.metadata, chain: { scheme: 2, previous, hash } };
        db.prepare(`UPDATE events SET data = ?, metadata = ? WHERE id = ?`).run(
          JSON.stringify(data),
          JSON.stringify(metadata),
          event.id,
        );
        previous = hash;
      }
    });
    // Without the head log the rewrite would pass: exactly the weakness of an unkeyed chain.
    expect(await verifyHireStreamChain(raw, streamA)).toEqual({ ok: true, events: 5 });
    expect(await verify(streamA)).toEqual({
      ok: false,
      brokenAt: 4n,
      reason: expect.stringMatching(/signed head.*rewritten/),
    });
  });

  it('finds a re-chain that falls back to the old scheme to shed the stream name', async () => {
    const events = await stored(streamA);
    let previous: string | null = null;
    onFile(eventsPath, (db) => {
      for (const event of events.slice(0, 3)) {
        const hash = linkHashOf(previous, event);
        db.prepare(`UPDATE events SET metadata = ? WHERE id = ?`).run(
          JSON.stringify({ ...event.metadata, chain: { previous, hash } }),
          event.id,
        );
        previous = hash;
      }
    });
    expect(await verify(streamA)).toMatchObject({ ok: false, brokenAt: 3n });
  });

  it('finds a stream whose tail was cut off', async () => {
    onFile(eventsPath, (db) => db.prepare(`DELETE FROM events WHERE stream = ? AND revision >= 3`).run(streamA));
    expect(await verifyHireStreamChain(raw, streamA)).toEqual({ ok: true, events: 3 });
    expect(await verify(streamA)).toEqual({
      ok: false,
      brokenAt: 3n,
      reason: expect.stringMatching(/ends at revision 2.*up to revision 4/),
    });
  });

  it('finds a deleted stream', async () => {
    onFile(eventsPath, (db) => db.prepare(`DELETE FROM events WHERE stream = ?`).run(streamB));
    expect(await verify(streamB)).toEqual({ ok: false, brokenAt: 0n, reason: expect.stringMatching(/gone/) });
  });

  it('finds old events replayed into another stream, ids, links and hashes as they were', async () => {
    const fromA = await stored(streamA);
    onFile(eventsPath, (db) => {
      // A's history, byte for byte, passed off as B's (its ids are unique, so A's rows make way).
      db.prepare(`DELETE FROM events WHERE stream IN (?, ?)`).run(streamA, streamB);
      const insert = db.prepare(
        `INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const event of fromA) {
        insert.run(
          event.id,
          streamB,
          Number(event.revision),
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          event.recordedAt.toISOString(),
        );
      }
    });
    // Under scheme 1 these links would all hold in B; scheme 2 hashed A's name into them.
    expect(await verifyHireStreamChain(raw, streamB)).toEqual({
      ok: false,
      brokenAt: 0n,
      reason: expect.stringMatching(/content/),
    });
    expect(await verify(streamA)).toMatchObject({ ok: false, reason: expect.stringMatching(/gone/) });
  });

  it('finds a head row forged in the head log without the key', async () => {
    onFile(headsPath, (db) =>
      db.prepare(`UPDATE chain_heads SET hash = ? WHERE stream = ? AND revision = '4'`).run('0'.repeat(64), streamA),
    );
    expect(await verify(streamA)).toEqual({ ok: false, brokenAt: 0n, reason: expect.stringMatching(/signature/) });
  });

  it('finds a stream of the current scheme whose heads were all taken out of the log', async () => {
    onFile(headsPath, (db) => db.prepare(`DELETE FROM chain_heads WHERE stream = ?`).run(streamB));
    expect(await verify(streamB)).toEqual({ ok: false, brokenAt: 0n, reason: expect.stringMatching(/no signed head/) });
  });

  it('still verifies a stream chained before scheme 2 and heads, and anchors it from its next append', async () => {
    const legacy = hireStreamName({ organisationId, hireId: 'h-legacy' });
    let previous: string | null = null;
    const old = [stageEvent(0), stageEvent(1)].map((event) => {
      const hash = linkHashOf(previous, { ...event, metadata: event.metadata! });
      const linked = { ...event, metadata: { ...event.metadata, chain: { previous, hash } } };
      previous = hash;
      return linked;
    });
    await raw.appendToStream(legacy, old, { expectedRevision: 'no_stream' });
    expect(await verify(legacy)).toEqual({ ok: true, events: 2, signedThrough: 0 });
    await store.appendToStream(legacy, [stageEvent(2)], { expectedRevision: 1n });
    const links = (await stored(legacy)).map((event) => chainLinkOf(event.metadata));
    expect(links.map((link) => link?.scheme)).toEqual([1, 1, 2]);
    expect(links[2]?.previous).toBe(links[1]?.hash);
    expect(await verify(legacy)).toEqual({ ok: true, events: 3, signedThrough: 3 });
  });

  it('keeps the head log and the signing key readable by their owner only', () => {
    expect(statSync(headsPath).mode & 0o777).toBe(0o600);
    expect(statSync(directory.file('data-keys', 'chain-signing-key')).mode & 0o777).toBe(0o600);
  });

  describe('the signed export, checked offline with the public key alone', () => {
    const exportNow = (options: { organisationId?: string } = {}) => exportChains({ store: raw, heads, key }, options);
    const publicKey = () =>
      publicKeyFromPem(readFileSync(directory.file('data-keys', 'chain-signing-key.pub'), 'utf8'));

    it('verifies an honest export, and fails when any one byte of it changes', async () => {
      const text = await exportNow();
      expect(await verifyChainExport(text, publicKey())).toEqual({
        ok: true,
        keyId: key.keyId,
        streams: 2,
        events: 7,
        unsignedStreams: [],
        eventsAfterHeads: 0,
        problems: [],
      });
      // Every 97th byte, shifted by one: in the events, the heads, the key, the signatures, the punctuation.
      for (let at = 0; at < text.length; at += 97) {
        const changed = text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1);
        expect((await verifyChainExport(changed, publicKey())).ok).toBe(false);
      }
    });

    it('reports events appended around the head log, and streams from before heads, without calling them broken', async () => {
      const legacy = hireStreamName({ organisationId, hireId: 'h-legacy' });
      const first = stageEvent(0);
      const link = { previous: null, hash: linkHashOf(null, { ...first, metadata: first.metadata! }) };
      await raw.appendToStream(legacy, [{ ...first, metadata: { ...first.metadata, chain: link } }], {
        expectedRevision: 'no_stream',
      });
      // As if the process died between the store and the head log: chained, not signed.
      await new HashChainedEventStore(raw).appendToStream(streamB, [stageEvent(2)], { expectedRevision: 1n });
      expect(await verifyChainExport(await exportNow(), publicKey())).toMatchObject({
        ok: true,
        unsignedStreams: [legacy],
        eventsAfterHeads: 1,
      });
    });

    it('fails under another key, even with the export’s own key swapped in', async () => {
      const other = ChainSigningKey.ephemeral();
      const text = await exportNow();
      expect((await verifyChainExport(text, other.publicKey)).ok).toBe(false);
      const swapped = text
        .replace(JSON.stringify(key.publicKeyPem()), JSON.stringify(other.publicKeyPem()))
        .replaceAll(key.keyId, other.keyId);
      expect((await verifyChainExport(swapped, other.publicKey)).ok).toBe(false);
    });

    it('fails for a store that was tampered with before the export: a deleted stream, a cut-off tail', async () => {
      onFile(eventsPath, (db) => db.prepare(`DELETE FROM events WHERE stream = ?`).run(streamB));
      onFile(eventsPath, (db) => db.prepare(`DELETE FROM events WHERE stream = ? AND revision = 4`).run(streamA));
      const verdict = await verifyChainExport(await exportNow(), publicKey());
      expect(verdict.ok).toBe(false);
      expect(verdict.problems).toEqual([
        expect.stringMatching(new RegExp(`${streamA}.*ends at revision 3`)),
        expect.stringMatching(new RegExp(`${streamB}.*gone`)),
      ]);
    });

    it('finds a head log rolled back together with the events it covered, against an earlier export', async () => {
      const earlier = await exportNow();
      onFile(eventsPath, (db) => db.prepare(`DELETE FROM events WHERE stream = ? AND revision >= 2`).run(streamA));
      onFile(headsPath, (db) => db.prepare(`DELETE FROM chain_heads WHERE seq >= 2`).run());
      // Signed heads of B go too, so B is gone from the log, and a later append re-signs from the rolled-back state.
      const later = await exportNow();
      expect((await verifyChainExport(later, publicKey())).problems).toEqual([expect.stringMatching(/no signed head/)]);
      const verdict = await verifyChainExport(later, publicKey(), { since: earlier });
      expect(verdict.problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/earlier export's signed head at revision 4 is missing/)]),
      );
    });

    it('exports one organisation’s streams and heads only, each head still verifiable', async () => {
      const otherStream = hireStreamName({ organisationId: `${organisationId}x`, hireId: 'h-c' });
      await store.appendToStream(otherStream, [stageEvent(0)], { expectedRevision: 'no_stream' });
      const text = await exportNow({ organisationId });
      expect(text).not.toContain(otherStream);
      expect(await verifyChainExport(text, publicKey())).toMatchObject({ ok: true, streams: 2, events: 7 });
    });

    it('answers on the command line: exit 0 for the export, 1 once a byte changed, 2 without a file', async () => {
      const file = directory.file('export.json');
      writeFileSync(file, await exportNow());
      const lines: string[] = [];
      const pem = directory.file('data-keys', 'chain-signing-key.pub');
      expect(
        await runVerifyExport(
          [file, '--public-key', pem],
          (line) => lines.push(line),
          (line) => lines.push(line),
        ),
      ).toBe(0);
      expect(lines.join('')).toMatch(new RegExp(`verified: 2 stream\\(s\\), 7 event\\(s\\); key ${key.keyId}\\n`));
      writeFileSync(file, readFileSync(file, 'utf8').replace('stage-3', 'stage-9'));
      expect(
        await runVerifyExport(
          [file, '--public-key', pem],
          () => undefined,
          (line) => lines.push(line),
        ),
      ).toBe(1);
      expect(lines.join('')).toMatch(/NOT VERIFIED/);
      expect(
        await runVerifyExport(
          [],
          () => undefined,
          () => undefined,
        ),
      ).toBe(2);
    });
  });
});
