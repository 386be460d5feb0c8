import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { hireStreamName } from '../../services/event-store/streamNames';
import { loadConfig } from '../../services/shared/config';
import { apiRequest } from '../support/apiRequest';
import { readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

const run = promisify(execFile);
const repo = join(__dirname, '../..');

/**
 * The signed head log as the running system keeps it: a journey's appends are anchored as they happen, the
 * verification endpoint finds what the links alone cannot (a cut-off tail, a deleted stream), and the export
 * commands, run as an operator and an inspectorate would, agree.
 */
describeWithServices(['temporal'], 'tamper evidence of a running system', () => {
  let system: RunningSystem;
  const organisationId = `tamper-org-${randomUUID().slice(0, 8)}`;
  const cut = `h-${randomUUID().slice(0, 8)}`;
  const gone = `h-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
    for (const hireId of [cut, gone]) await register(hireId);
    for (const hireId of [cut, gone])
      await historyUntil(hireId, (events) => events.some((event) => event.type === 'TaskOpened'));
  });
  afterAll(async () => {
    await system?.stop();
  });

  const get = (path: string) =>
    apiRequest(system.baseUrl, organisationId, 'GET', path, undefined, { 'x-role': 'auditor' });

  async function register(hireId: string): Promise<void> {
    const body = { hireId, startDate: '2027-05-01', role: 'Jeugdzorgwerker', team: 'Team Noord' };
    const response = await apiRequest(system.baseUrl, organisationId, 'POST', '/hires', body, {
      'idempotency-key': randomUUID(),
    });
    expect(response.status).toBe(201);
  }

  const historyUntil = (hireId: string, until: (events: { type: string }[]) => boolean) =>
    waitFor(
      async () => {
        const response = await get(`/hires/${hireId}/history`);
        return response.status === 200 ? ((await readJson(response)).events as { type: string }[]) : [];
      },
      until,
      20_000,
    );

  /** An npm script of this repository against the system's data folder, as an operator would run it there. */
  async function npmRun(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('npm', ['run', '--silent', script, '--', ...args], {
        cwd: repo,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          DATA_DIR: system.dataDir,
          LOG_LEVEL: 'warn',
        },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  function onEvents(sql: string, hireId: string): void {
    const db = new Database(system.sqlitePath);
    try {
      expect(db.prepare(sql).run({ stream: hireStreamName({ organisationId, hireId }) }).changes).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }

  it('anchors the journey’s appends, exports them signed, and the export verifies offline with the public key', async () => {
    for (const hireId of [cut, gone]) {
      expect(await readJson(await get(`/hires/${hireId}/history/verification`))).toEqual({
        organisationId,
        hireId,
        ok: true,
        events: expect.any(Number),
      });
    }
    const file = join(system.dataDir, '..', `${organisationId}-export.json`);
    const exported = await npmRun('chain-export', ['--organisation', organisationId, '--out', file]);
    expect(exported).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(/chain export signed with key [0-9a-f]{16}/),
    });
    const publicKey = `${loadConfig({ DATA_DIR: system.dataDir }).chain.signingKeyPath}.pub`;
    const verified = await npmRun('verify-export', [file, '--public-key', publicKey]);
    expect(verified).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^verified: 2 stream\(s\), \d+ event\(s\); key [0-9a-f]{16}\n$/),
    });

    // Then the store is tampered with: a tail cut off, a stream deleted. The endpoint says so, …
    onEvents(
      `DELETE FROM events WHERE stream = :stream AND revision = (SELECT MAX(revision) FROM events WHERE stream = :stream)`,
      cut,
    );
    onEvents(`DELETE FROM events WHERE stream = :stream`, gone);
    expect(await readJson(await get(`/hires/${cut}/history/verification`))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signed head records it up to/),
    });
    expect(await readJson(await get(`/hires/${gone}/history/verification`))).toMatchObject({
      ok: false,
      brokenAt: 0,
      reason: expect.stringMatching(/gone/),
    });

    // … and so does a new export, checked against the one the inspectorate already holds.
    const later = join(system.dataDir, '..', `${organisationId}-export-later.json`);
    expect((await npmRun('chain-export', ['--organisation', organisationId, '--out', later])).code).toBe(0);
    const refused = await npmRun('verify-export', [later, '--public-key', publicKey, '--since', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${hireStreamName({ organisationId, hireId: gone })}: the stream is gone`);
    expect(refused.stderr).toMatch(/NOT VERIFIED/);
  }, 60_000);
});
