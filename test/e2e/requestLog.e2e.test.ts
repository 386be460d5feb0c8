import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { hireStreamName } from '../../services/event-store/streamNames';
import { createLogger } from '../../services/shared/logger';
import { apiKeyToken } from '../support/apiRequest';
import { type RunningSystem, runningSystemForBlock } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';

/**
 * Every request has an id (the caller's X-Request-Id when it is a plain token, else a new one), answered in
 * X-Request-Id, carried by every log line written while it is handled and by the audit events it causes, and one
 * access line says how it went: by route pattern, so no token in a path and no searched-for name reaches the log.
 */
describeWithServices(['temporal'], 'request ids and the access log', () => {
  let system: RunningSystem;
  const logFile = join(mkdtempSync(join(tmpdir(), 'soft-landing-request-log-')), 'api.log');
  const organisationId = `reqlog-${randomUUID().slice(0, 8)}`;
  let adminKey: string;

  runningSystemForBlock(
    {
      kafka: false,
      auth: 'required',
      logger: createLogger('test', 'info', pino.destination({ dest: logFile, sync: true })),
    },
    (started) => {
      system = started;
      adminKey = apiKeyToken(system, organisationId, 'admin', 'request log');
    },
  );

  const lines = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}${path}`, {
      headers: { 'x-organisation-id': organisationId, authorization: `Bearer ${adminKey}`, ...headers },
    });

  it("takes the caller's id, answers with it and logs one access line by route", async () => {
    const response = await get('/hires/h-nobody', { 'x-request-id': 'proxy-4711.a' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('proxy-4711.a');
    expect(lines().filter((line) => line.requestId === 'proxy-4711.a' && line.msg === 'verzoek beantwoord')).toEqual([
      expect.objectContaining({ method: 'GET', route: '/hires/:hireId', status: 404, ms: expect.any(Number) }),
    ]);
  });

  it('makes an id when the caller gives none or one that is no plain token', async () => {
    for (const given of [undefined, 'two words', 'x'.repeat(101)]) {
      const response = await get('/hires', given === undefined ? {} : { 'x-request-id': given });
      const id = response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines().filter((line) => line.requestId === id && line.msg === 'verzoek beantwoord')).toHaveLength(1);
    }
  });

  it('names the request on the audit events it causes', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    await system.store.appendToStream(
      hireStreamName({ organisationId, hireId }),
      [
        {
          id: randomUUID(),
          type: 'HireRegistered',
          data: { organisationId, hireId, startDate: '2027-03-01', role: 'Jeugdzorgwerker' },
          metadata: {
            organisationId,
            hireId,
            actor: 'test',
            occurredAt: new Date().toISOString(),
            correlationId: `hire-journey:${organisationId}:${hireId}`,
            causationId: 'test',
            schemaVersion: 1,
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    expect((await get(`/hires/${hireId}/history`, { 'x-request-id': 'audit-read-1' })).status).toBe(200);
    const causes: unknown[] = [];
    for await (const event of system.store.readAll({}))
      if (event.type === 'AuditRead' && event.data.hireId === hireId) causes.push(event.metadata.causationId);
    expect(causes).toEqual(['request:audit-read-1']);
  });

  it('keeps what is searched for and tokens in paths out of the access log', async () => {
    const name = `Zoeknaam${randomUUID().slice(0, 6)}`;
    expect((await get(`/hires?search=${name}`, { 'x-request-id': 'search-1' })).status).toBe(200);
    const token = `sml_${randomUUID()}`;
    await fetch(`${system.baseUrl}/magic-links/${token}`, { headers: { 'x-request-id': 'link-1' } });
    const log = readFileSync(logFile, 'utf8');
    expect(lines().find((line) => line.requestId === 'search-1' && line.msg === 'verzoek beantwoord')).toMatchObject({
      route: '/hires',
    });
    expect(log).not.toContain(name);
    expect(log).not.toContain(token);
  });
});
