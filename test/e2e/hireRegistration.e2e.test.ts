import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import Database from 'better-sqlite3';
import type { KafkaMessage } from 'kafkajs';
import { EventSchemas } from '../../services/event-store/eventSchemas';
import { hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import { type RunningSystem, runningSystemForBlock } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { consumeUntil } from '../support/kafkaConsumer';
import { readJson } from '../support/httpAnswers';

describeWithServices(['temporal', 'kafka'], 'a hire flows through Temporal, the event store and Kafka', () => {
  let system: RunningSystem;
  const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;

  runningSystemForBlock({ kafka: true }, (started) => {
    system = started;
  });

  const post = (body: unknown, idempotencyKey: string, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}/hires`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-organisation-id': organisationId,
        'idempotency-key': idempotencyKey,
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const get = (path: string) => fetch(`${system.baseUrl}${path}`, { headers: { 'x-organisation-id': organisationId } });

  /** The registration's own events; the journey goes on appending its next steps after them. */
  const registrationEvents = (hireId: string) =>
    eventsInSqliteFile(hireId).filter((row) => row.type === 'HireRegistered' || row.type === 'JourneyStarted');

  function eventsInSqliteFile(hireId: string): { id: string; type: string; revision: number }[] {
    const db = new Database(system.sqlitePath, { readonly: true });
    try {
      return db
        .prepare('SELECT id, type, revision FROM events WHERE stream = ? ORDER BY revision')
        .all(`hire-${organisationId}.${hireId}`) as { id: string; type: string; revision: number }[];
    } finally {
      db.close();
    }
  }

  it('registers a hire: workflow in Temporal, two events in the SQLite file, two CloudEvents on Kafka', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const registration = { hireId, startDate: '2027-02-01', role: 'Jeugdzorgwerker', team: 'Team Rivierenland' };

    const response = await post(registration, randomUUID());
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/hires/${hireId}`);
    const hire = await readJson(response);
    expect(hire).toMatchObject({ organisationId, hireId, startDate: '2027-02-01', role: 'Jeugdzorgwerker' });

    // Ask the server itself, not our code, that the journey exists.
    const workflowId = hireJourneyWorkflowId(organisationId, hireId);
    const description = await system.client.workflow.getHandle(workflowId).describe();
    expect(description.type).toBe('hireJourney');
    expect(description.status.name).toBe('RUNNING');

    const stored = await waitFor(
      () => registrationEvents(hireId),
      (rows) => rows.length === 2,
    );
    expect(stored.map((row) => [row.type, row.revision])).toEqual([
      ['HireRegistered', 0],
      ['JourneyStarted', 1],
    ]);

    const history = await readJson(await get(`/hires/${hireId}/history`));
    expect(history.events.slice(0, 2).map((event: { id: string }) => event.id)).toEqual(stored.map((row) => row.id));
    expect(history.events[0]).toMatchObject({
      type: 'HireRegistered',
      data: { organisationId, hireId, startDate: '2027-02-01', role: 'Jeugdzorgwerker', team: 'Team Rivierenland' },
      metadata: { organisationId, hireId, correlationId: workflowId },
    });

    const journey = await waitFor(
      async () => readJson(await get(`/hires/${hireId}`)),
      (view) => view.stage === 'preboarding',
    );
    expect(journey).toMatchObject({ workflowId, hireId, organisationId });

    const messages = (await consume(system.topics.topicOf('HireRegistered')!, 2)).slice(0, 2);
    expect(messages.map((message) => message.key?.toString())).toEqual([
      `${organisationId}.${hireId}`,
      `${organisationId}.${hireId}`,
    ]);
    const headers = messages.map((message) => headerStrings(message));
    expect(headers.map((h) => h.ce_type)).toEqual([
      'nl.softlanding.HireRegistered.v1',
      'nl.softlanding.JourneyStarted.v1',
    ]);
    expect(headers.map((h) => h.ce_id)).toEqual(stored.map((row) => row.id));
    for (const h of headers) {
      expect(h).toMatchObject({
        ce_specversion: '1.0',
        ce_source: `/soft-landing/organisations/${organisationId}`,
        ce_subject: `hires/${hireId}`,
        'content-type': 'application/json',
      });
      expect(Number.isNaN(Date.parse(h.ce_time!))).toBe(false);
    }
    expect(JSON.parse(messages[0]!.value!.toString())).toMatchObject({ hireId, role: 'Jeugdzorgwerker' });
    // Every message is what contracts/asyncapi.yaml promises: its payload valid against the event's JSON Schema.
    const schemas = EventSchemas.fromDirectory();
    for (const message of messages) {
      const [, type, version] = /^nl\.softlanding\.(\w+)\.v(\d+)$/.exec(headerStrings(message).ce_type!)!;
      expect(schemas.violationsOfData(type!, Number(version), JSON.parse(message.value!.toString()))).toEqual([]);
    }
  });

  it('answers a repeated request with the same hire and starts nothing twice', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const registration = { hireId, startDate: '2027-03-01', role: 'Gezinsvoogd' };
    expect((await post(registration, key)).status).toBe(201);
    await waitFor(
      () => registrationEvents(hireId),
      (rows) => rows.length === 2,
    );

    const repeat = await post({ role: 'Gezinsvoogd', startDate: '2027-03-01', hireId }, key);
    expect(repeat.status).toBe(200);
    expect(await readJson(repeat)).toMatchObject({ hireId, workflowId: hireJourneyWorkflowId(organisationId, hireId) });
    // The same hire sent again under a fresh key is still the same hire.
    expect((await post(registration, randomUUID())).status).toBe(200);

    const runs = await system.client.workflow.count(`WorkflowId = '${hireJourneyWorkflowId(organisationId, hireId)}'`);
    expect(runs.count).toBe(1);
    expect(registrationEvents(hireId)).toHaveLength(2);
  });

  it('refuses other data for an existing hire (409) and a reused key for another body (422), writing nothing', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    expect((await post({ hireId, startDate: '2027-04-01', role: 'Jeugdzorgwerker' }, key)).status).toBe(201);
    const before = await waitFor(
      () => registrationEvents(hireId),
      (rows) => rows.length === 2,
    );

    const conflict = await post({ hireId, startDate: '2027-05-01', role: 'Jeugdzorgwerker' }, randomUUID());
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await readJson(conflict)).toMatchObject({ status: 409, title: 'Medewerker bestaat al' });

    const otherHire = `h-${randomUUID().slice(0, 8)}`;
    const reused = await post({ hireId: otherHire, startDate: '2027-04-01', role: 'Jeugdzorgwerker' }, key);
    expect(reused.status).toBe(422);
    expect((await readJson(reused)).title).toBe('Idempotency-Key al gebruikt');

    expect(registrationEvents(hireId)).toEqual(before);
    expect(eventsInSqliteFile(hireId).filter((row) => row.type === 'StartDateChanged')).toEqual([]);
    expect(eventsInSqliteFile(otherHire)).toEqual([]);
    // A refused request starts no journey: Temporal itself says it has none, not that it could not be asked.
    await expect(
      system.client.workflow.getHandle(hireJourneyWorkflowId(organisationId, otherHire)).describe(),
    ).rejects.toThrow(WorkflowNotFoundError);
  });

  it.each([
    [
      'an unknown field',
      { hireId: 'x1', startDate: '2027-01-01', role: 'Jeugdzorgwerker', salary: 4000 },
      '',
      'onbekend veld "salary"',
    ],
    ['a missing field', { hireId: 'x2', startDate: '2027-01-01' }, '', '"role" ontbreekt'],
    [
      'a start date that is not a date',
      { hireId: 'x3', startDate: '1 februari', role: 'Jeugdzorgwerker' },
      '/startDate',
      'moet een datum zijn als JJJJ-MM-DD',
    ],
    [
      'an impossible date',
      { hireId: 'x4', startDate: '2027-02-30', role: 'Jeugdzorgwerker' },
      '/startDate',
      'moet een datum zijn als JJJJ-MM-DD',
    ],
    [
      'a hire id with a dot',
      { hireId: 'a.b', startDate: '2027-01-01', role: 'Jeugdzorgwerker' },
      '/hireId',
      'alleen letters',
    ],
  ])('refuses %s with a 400 that says what is wrong, in Dutch', async (_case, body, pointer, detail) => {
    const response = await post(body, randomUUID());
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await readJson(response);
    expect(problem).toMatchObject({ type: '/problems/invalid-request', title: 'Ongeldig verzoek', status: 400 });
    expect(problem.errors).toContainEqual({ pointer, detail: expect.stringContaining(detail) });
    expect(eventsInSqliteFile((body as { hireId: string }).hireId)).toEqual([]);
  });

  it('refuses malformed JSON, a wrong media type and missing headers, in English on request', async () => {
    const malformed = await fetch(`${system.baseUrl}/hires`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-organisation-id': organisationId, 'idempotency-key': 'k' },
      body: '{"hireId": ',
    });
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).title).toBe('Onleesbare JSON');

    const wrongType = await fetch(`${system.baseUrl}/hires`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-organisation-id': organisationId, 'idempotency-key': 'k' },
      body: 'hireId=1',
    });
    expect(wrongType.status).toBe(415);

    const noHeaders = await fetch(`${system.baseUrl}/hires`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9' },
      body: JSON.stringify({ hireId: 'x5', startDate: '2027-01-01', role: 'Jeugdzorgwerker' }),
    });
    expect(noHeaders.status).toBe(400);
    const problem = await readJson(noHeaders);
    expect(problem.title).toBe('Invalid request');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: 'header:X-Organisation-Id', detail: 'is required' },
        { pointer: 'header:Idempotency-Key', detail: 'is required' },
      ]),
    );
  });

  it('answers 404 problems for an unknown hire and an unknown route', async () => {
    const unknownHire = await get('/hires/nobody');
    expect(unknownHire.status).toBe(404);
    expect((await readJson(unknownHire)).detail).toContain('"nobody"');
    expect((await get('/hires/nobody/history')).status).toBe(404);
    const unknownRoute = await get('/vacatures');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

function consume(topic: string, count: number): Promise<KafkaMessage[]> {
  return consumeUntil([topic], (messages) => messages.length >= count, 30_000);
}

function headerStrings(message: KafkaMessage): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString()]));
}
