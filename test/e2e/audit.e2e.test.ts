import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { components } from '../../contracts/generated/openapi';
import { auditStreamName } from '../../services/audit/auditTrail';
import { HISTORY_CSV_COLUMNS } from '../../services/audit/historyRecords';
import type { RecordedEvent } from '../../services/event-store/eventStore';
import { hireStreamName } from '../../services/event-store/streamNames';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { apiRequest } from '../support/apiRequest';

type HistoryEvent = components['schemas']['RecordedEvent'];

/**
 * The auditor's reads over HTTP against the real system (Temporal, the SQLite event store): the attributed and
 * paged history, the journey as of a moment, the export, the hash chain's verification, the read-only auditor
 * role, and every audit read recorded in the organisation's audit stream.
 */
describeWithServices(['temporal'], "the auditor's reads of a hire", () => {
  let system: RunningSystem;
  const organisationId = `audit-org-${randomUUID().slice(0, 8)}`;
  const hireId = `h-${randomUUID().slice(0, 8)}`;
  const WITHDRAWAL_REASON = 'Andere baan, "dichter bij huis"';

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
    await register(hireId, '2027-03-01');
    // The journey's first steps after the registration: looking for a mentor (none in this pool) and its task.
    await historyUntil(hireId, (events) => events.some((event) => event.type === 'TaskOpened'));
  });
  afterAll(async () => {
    await system?.stop();
  });

  // ---- helpers ----

  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, extra);
  const get = (path: string, extra: Record<string, string> = {}) => send('GET', path, undefined, extra);
  const asAuditor = { 'x-role': 'auditor' };
  const readJson = async (response: Response): Promise<any> => JSON.parse(await response.text());

  async function register(id: string, startDate: string) {
    const response = await send(
      'POST',
      '/hires',
      { hireId: id, startDate, role: 'Jeugdzorgwerker', team: 'Team Noord' },
      { 'idempotency-key': randomUUID() },
    );
    expect(response.status).toBe(201);
  }

  async function historyOf(id: string): Promise<HistoryEvent[]> {
    const response = await get(`/hires/${id}/history`);
    expect(response.status).toBe(200);
    return (await readJson(response)).events;
  }

  /** The journey writes the hire's first events a moment after the registration answered: a 404 until then. */
  const historyUntil = (id: string, until: (events: HistoryEvent[]) => boolean) =>
    waitFor(
      async () => {
        const response = await get(`/hires/${id}/history`);
        return response.status === 404 ? [] : ((await readJson(response)).events as HistoryEvent[]);
      },
      until,
      20_000,
    );

  async function auditReads(): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of system.store.readStream(auditStreamName(organisationId))) events.push(event);
    return events;
  }

  /** RFC 4180, enough to read back what the export wrote: quoted fields, doubled quotes, CRLF records. */
  function parseCsv(text: string): string[][] {
    const records: string[][] = [];
    let record: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i]!;
      if (quoted) {
        if (char === '"' && text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else if (char === '"') quoted = false;
        else field += char;
      } else if (char === '"') quoted = true;
      else if (char === ',') {
        record.push(field);
        field = '';
      } else if (char === '\r' && text[i + 1] === '\n') {
        record.push(field);
        records.push(record);
        record = [];
        field = '';
        i += 1;
      } else field += char;
    }
    expect(field).toBe('');
    return records;
  }

  // ---- the history ----

  it('is the full, ordered history, each event attributed: who, when it happened and was recorded, caused by what', async () => {
    const events = await historyOf(hireId);
    expect(events.map((event) => event.revision)).toEqual(events.map((_event, index) => index));
    expect(events.slice(0, 2).map((event) => event.type)).toEqual(['HireRegistered', 'JourneyStarted']);
    for (const event of events) {
      expect(event).toMatchObject({
        actor: expect.any(String),
        occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        correlationId: expect.any(String),
        causationId: expect.any(String),
      });
      expect(event.actor).toBe(event.metadata.actor);
      expect(event.correlationId).toBe(event.metadata.correlationId);
      expect(event.causationId).toBe(event.metadata.causationId);
    }
    expect(events[0]!.actor).toBe('dev-mode:admin');
  });

  it('pages by revision with a next link (body and Link header) until the end', async () => {
    const whole = await historyOf(hireId);
    expect(whole.length).toBeGreaterThan(2);
    const seen: HistoryEvent[] = [];
    let path: string | undefined = `/hires/${hireId}/history?limit=2`;
    let pages = 0;
    while (path) {
      const response = await get(path);
      expect(response.status).toBe(200);
      const page = await readJson(response);
      pages += 1;
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events);
      if (page.next) {
        expect(page.next).toBe(`/hires/${hireId}/history?limit=2&after=${page.events[1].revision}`);
        expect(response.headers.get('link')).toBe(`<${page.next}>; rel="next"`);
      } else {
        expect(response.headers.get('link')).toBeNull();
      }
      path = page.next;
    }
    // The journey may still append while the pages are read: what was there before is a prefix of what was paged.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(whole.length / 2));
    expect(seen.slice(0, whole.length).map((event) => event.id)).toEqual(whole.map((event) => event.id));
    expect(seen.map((event) => event.revision)).toEqual(seen.map((_event, index) => index));

    const past = await readJson(await get(`/hires/${hireId}/history?after=100000`));
    expect(past.events).toEqual([]);
    expect(past.next).toBeUndefined();
  });

  it('refuses a page size or revision the contract does not allow, and an unknown hire with 404', async () => {
    const tooSmall = await get(`/hires/${hireId}/history?limit=0`);
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await readJson(tooSmall)).errors).toEqual([expect.objectContaining({ pointer: 'query:limit' })]);
    expect((await get(`/hires/${hireId}/history?after=-1`)).status).toBe(400);
    expect((await get('/hires/nobody/history?after=3')).status).toBe(404);
    expect((await get('/hires/nobody/history/export')).status).toBe(404);
    expect((await get('/hires/nobody/history/verification')).status).toBe(404);
    expect((await get('/hires/nobody/state')).status).toBe(404);
  });

  // ---- the state as of a moment ----

  it('rebuilds the journey as of a moment: before a start-date change the old date, from it the new one', async () => {
    const moved = await send(
      'PUT',
      `/hires/${hireId}/start-date`,
      { startDate: '2027-03-15' },
      { 'idempotency-key': randomUUID() },
    );
    expect(moved.status).toBe(200);
    const events = await historyUntil(hireId, (all) => all.some((event) => event.type === 'StartDateChanged'));
    const change = events.find((event) => event.type === 'StartDateChanged')!;
    const changedAt = Date.parse(change.occurredAt!);

    const before = await readJson(
      await get(`/hires/${hireId}/state?asOf=${new Date(changedAt - 1).toISOString()}`, asAuditor),
    );
    expect(before).toMatchObject({
      organisationId,
      hireId,
      stage: 'preboarding',
      startDate: '2027-03-01',
      role: 'Jeugdzorgwerker',
      team: 'Team Noord',
    });
    expect(before.lastRevision).toBeLessThan(change.revision);
    expect(before.tasks.open.find((task: { itemId: string }) => task.itemId === 'task:accounts-ready')).toMatchObject({
      dueDate: '2027-02-26',
      status: 'open',
    });

    const after = await readJson(await get(`/hires/${hireId}/state?asOf=${encodeURIComponent(change.occurredAt!)}`));
    expect(after).toMatchObject({
      stage: 'preboarding',
      startDate: '2027-03-15',
      template: { id: expect.any(String), version: expect.any(Number) },
    });
    expect(after.lastRevision).toBeGreaterThanOrEqual(change.revision);
    expect(after.tasks.open.find((task: { itemId: string }) => task.itemId === 'task:accounts-ready')).toMatchObject({
      dueDate: '2027-03-12',
    });

    // Now, by default; and before the registration the hire did not exist yet.
    expect((await readJson(await get(`/hires/${hireId}/state`))).startDate).toBe('2027-03-15');
    const registeredAt = Date.parse(events[0]!.occurredAt!);
    const tooEarly = await get(`/hires/${hireId}/state?asOf=${new Date(registeredAt - 60_000).toISOString()}`);
    expect(tooEarly.status).toBe(404);
    expect(await readJson(tooEarly)).toMatchObject({ title: 'Nog niet ingeschreven' });
    expect((await get(`/hires/${hireId}/state?asOf=yesterday`)).status).toBe(400);
  });

  // ---- the export ----

  it('exports the history as JSON, as an attachment', async () => {
    const response = await get(`/hires/${hireId}/history/export?format=json`, asAuditor);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${organisationId}-${hireId}-history.json"`,
    );
    const exported = await readJson(response);
    expect(exported).toMatchObject({ organisationId, hireId, exportedAt: expect.any(String) });
    expect(exported.events).toEqual(await historyOf(hireId));
  });

  it('exports CSV with RFC 4180 quoting: a value with a comma and a quote comes back whole', async () => {
    const withdrawn = `h-${randomUUID().slice(0, 8)}`;
    await register(withdrawn, '2027-04-01');
    await historyUntil(withdrawn, (events) => events.some((event) => event.type === 'JourneyStarted'));
    const response = await send(
      'POST',
      `/hires/${withdrawn}/withdrawal`,
      { reason: WITHDRAWAL_REASON },
      { 'idempotency-key': randomUUID() },
    );
    expect(response.status).toBe(200);
    const history = await historyUntil(withdrawn, (events) => events.some((event) => event.type === 'JourneyEnded'));

    const csv = await get(`/hires/${withdrawn}/history/export?format=csv`, asAuditor);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="${organisationId}-${withdrawn}-history.csv"`,
    );
    const text = await csv.text();
    // The data column is JSON, so its quotes are doubled and the field quoted; the reason's own quotes are JSON-escaped first.
    expect(text).toContain('""reason"":""Andere baan, \\""dichter bij huis\\""""');

    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...HISTORY_CSV_COLUMNS]);
    expect(rows).toHaveLength(history.length);
    rows.forEach((row, index) => {
      const event = history[index]!;
      expect(row).toEqual([
        String(event.revision),
        event.id,
        event.type,
        event.occurredAt,
        event.recordedAt,
        event.actor,
        event.correlationId,
        event.causationId,
        JSON.stringify(event.data),
      ]);
    });
    const withdrawal = rows.find((row) => row[2] === 'CandidateWithdrawn')!;
    expect(JSON.parse(withdrawal[8]!).reason).toBe(WITHDRAWAL_REASON);
  });

  // ---- the hash chain ----

  it('verifies the chain, and after the SQLite file is tampered with reports the first broken link over HTTP', async () => {
    const tampered = `h-${randomUUID().slice(0, 8)}`;
    await register(tampered, '2027-05-01');
    const events = await historyUntil(tampered, (all) => all.length >= 3);
    const intact = await readJson(await get(`/hires/${tampered}/history/verification`, asAuditor));
    expect(intact).toEqual({ organisationId, hireId: tampered, ok: true, events: expect.any(Number) });
    expect(intact.events).toBeGreaterThanOrEqual(events.length);

    const db = new Database(system.sqlitePath);
    try {
      const changed = db
        .prepare(
          `UPDATE events SET data = json_set(data, '$.startDate', '2027-06-01') WHERE stream = ? AND revision = 1`,
        )
        .run(hireStreamName({ organisationId, hireId: tampered }));
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }

    const broken = await get(`/hires/${tampered}/history/verification`);
    expect(broken.status).toBe(200);
    expect(await readJson(broken)).toEqual({
      organisationId,
      hireId: tampered,
      ok: false,
      brokenAt: 1,
      reason: 'the event’s content does not match its hash',
    });
    // The untouched hire still verifies.
    expect(await readJson(await get(`/hires/${hireId}/history/verification`))).toMatchObject({ ok: true });
  });

  // ---- the auditor role ----

  it('lets an auditor read but change nothing: every non-GET is 403 problem+json, in Dutch by default', async () => {
    const post = await send(
      'POST',
      '/hires',
      { hireId: 'h-by-auditor', startDate: '2027-03-01', role: 'Jeugdzorgwerker' },
      { ...asAuditor, 'idempotency-key': randomUUID() },
    );
    expect(post.status).toBe(403);
    expect(post.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await readJson(post)).toMatchObject({
      type: '/problems/read-only-role',
      title: 'Alleen lezen',
      status: 403,
    });

    const put = await send(
      'PUT',
      `/hires/${hireId}/start-date`,
      { startDate: '2027-04-01' },
      { ...asAuditor, 'idempotency-key': randomUUID(), 'accept-language': 'en' },
    );
    expect(put.status).toBe(403);
    expect(await readJson(put)).toMatchObject({
      title: 'Read only',
      detail: 'The role "auditor" may read and export, but change nothing.',
    });
    expect((await send('DELETE', `/people/${hireId}`, undefined, asAuditor)).status).toBe(403);

    // Nothing changed: the hire the auditor tried to register does not exist, the start date did not move.
    expect((await get('/hires/h-by-auditor/history')).status).toBe(404);
    expect((await readJson(await get(`/hires/${hireId}/state`))).startDate).toBe('2027-03-15');
    // Reads are fine; a role that does not exist is refused.
    expect((await get(`/hires/${hireId}`, asAuditor)).status).toBe(200);
    const unknown = await get(`/hires/${hireId}/history`, { 'x-role': 'boss' });
    expect(unknown.status).toBe(400);
    expect((await readJson(unknown)).errors).toEqual([expect.objectContaining({ pointer: 'header:X-Role' })]);
  });

  it("records every audit read as an AuditRead in the organisation's audit stream, never in the hire's", async () => {
    const before = (await auditReads()).length;
    const requestId = `req-${randomUUID()}`;
    expect(
      (await get(`/hires/${hireId}/history?limit=3&after=0`, { ...asAuditor, 'x-request-id': requestId })).status,
    ).toBe(200);
    expect((await get(`/hires/${hireId}/state?asOf=2030-01-01T00:00:00Z`, asAuditor)).status).toBe(200);
    expect((await get(`/hires/${hireId}/history/export?format=csv`)).status).toBe(200);
    expect((await get(`/hires/${hireId}/history/verification`, asAuditor)).status).toBe(200);

    const reads = (await auditReads()).slice(before);
    expect(reads.map((event) => [event.type, event.data.what])).toEqual([
      ['AuditRead', 'history'],
      ['AuditRead', 'state'],
      ['AuditRead', 'export'],
      ['AuditRead', 'verification'],
    ]);
    expect(reads[0]!.data).toEqual({
      organisationId,
      hireId,
      what: 'history',
      by: 'dev-mode:auditor',
      role: 'auditor',
      after: 0,
      limit: 3,
    });
    expect(reads[0]!.metadata).toMatchObject({
      organisationId,
      hireId,
      actor: 'dev-mode:auditor',
      causationId: `request:${requestId}`,
      schemaVersion: 1,
    });
    expect(reads[1]!.data).toMatchObject({ what: 'state', asOf: '2030-01-01T00:00:00.000Z', role: 'auditor' });
    expect(reads[2]!.data).toEqual({
      organisationId,
      hireId,
      what: 'export',
      by: 'dev-mode:admin',
      role: 'admin',
      format: 'csv',
    });

    // Earlier tests' reads are there too, and none of them went into the hire's own stream.
    const all = await auditReads();
    expect(new Set(all.map((event) => event.data.what))).toEqual(
      new Set(['history', 'state', 'export', 'verification']),
    );
    expect((await historyOf(hireId)).some((event) => event.type === 'AuditRead')).toBe(false);
  });
});
