import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../services/shared/config';
import { createLogger } from '../../services/shared/logger';
import { openSurveyStore } from '../../services/survey/openSurveyStore';
import type { SurveyStorage } from '../../services/survey/surveyStorage';
import { DEFAULT_QUESTIONNAIRE } from '../../workflows/domain/questionnaire';
import { type ApiReplica, startApiReplica } from '../support/apiReplica';
import { expectProblem } from '../support/httpAnswers';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { scaleAnswers, surveyGroup } from '../support/surveyRespondents';

const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
const WAVE = 'ninety-days-2026-Q4';

/**
 * Two API replicas, each with its own data folder, and a worker's survey store, all with one DATABASE_URL and the
 * shared magic-link key (as the compose file and the Helm chart give them): a link the worker made is answered on
 * either replica and spent for both, also when both get it at the same moment, and the report counts the answers
 * given on each.
 */
describeWithServices(['temporal', 'postgres'], 'the survey shared by API replicas through DATABASE_URL', () => {
  let system: RunningSystem;
  let databaseUrl: string;
  let keyFolder: string;
  let worker: { store: SurveyStorage; close(): Promise<void> };
  const replicas: ApiReplica[] = [];
  const organisationId = `jz-${randomUUID().slice(0, 8)}`;

  const configOf = (dataDir: string) =>
    loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      MAGIC_LINK_KEY_PATH: join(keyFolder, 'magic-link-key'),
    });

  beforeAll(async () => {
    system = await startSystem({ kafka: false, auth: 'required' });
    databaseUrl = await freshPostgresDatabase('survey_replicas');
    keyFolder = mkdtempSync(join(tmpdir(), 'soft-landing-keys-'));
    // Both replicas start at once: one migrates the survey's tables, the other waits for it.
    replicas.push(...(await Promise.all([startReplica(), startReplica()])));
    worker = await openSurveyStore(configOf(mkdtempSync(join(tmpdir(), 'soft-landing-worker-'))), logger);
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await worker?.close();
    await system?.stop();
  });

  const startReplica = () =>
    startApiReplica(system, configOf(mkdtempSync(join(tmpdir(), 'soft-landing-replica-'))), {
      taskQueue: 'survey-replicas',
      logger,
    });

  const invite = (hireId: string) =>
    worker.store.invite({
      organisationId,
      hireId,
      waveId: WAVE,
      questionnaire: { id: DEFAULT_QUESTIONNAIRE.id, version: 1 },
      group: surveyGroup(),
      expiresAt: Date.now() + 86_400_000,
    });
  const post = (replica: number, path: string, body: unknown) =>
    fetch(`${replicas[replica]!.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const answersIn = async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const counted = await client.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM survey_pending_responses) + (SELECT count(*) FROM survey_responses) AS n`,
      );
      return Number(counted.rows[0]!.n);
    } finally {
      await client.end();
    }
  };

  it("opens the worker's link on one replica, takes the answer on the other, and is spent for both", async () => {
    const token = await invite('h-across');
    expect((await post(0, '/survey/invitation', { token })).status).toBe(200);
    expect((await post(1, '/survey/responses', { token, answers: scaleAnswers() })).status).toBe(202);
    await expectProblem(await post(0, '/survey/invitation', { token }), 410, { type: '/problems/survey-link-spent' });
    await expectProblem(await post(0, '/survey/responses', { token, answers: scaleAnswers() }), 410, {
      type: '/problems/survey-link-spent',
    });
    expect(await worker.store.invitationOf(organisationId, 'h-across', DEFAULT_QUESTIONNAIRE.id)).toEqual({
      token,
      spent: true,
    });
  });

  it('stores one answer when both replicas get the same link at the same moment', async () => {
    const token = await invite('h-twice');
    const before = await answersIn();
    const answered = await Promise.all(
      Array.from({ length: 6 }, (_, index) => post(index % 2, '/survey/responses', { token, answers: scaleAnswers() })),
    );
    expect(answered.map((response) => response.status).sort()).toEqual([202, 410, 410, 410, 410, 410]);
    expect(await answersIn()).toBe(before + 1);
  });

  it('reports the group once five answered, whichever replica took each answer', async () => {
    const hr = (
      await replicas[0]!.auth.apiKeys.issue({
        organisationId,
        roles: ['hr-advisor'],
        label: 'hr',
        createdBy: 'test',
      })
    ).token;
    // Two answered above; three more, spread over the replicas at once.
    const tokens = await Promise.all([0, 1, 2].map((index) => invite(`h-five-${index}`)));
    const answered = await Promise.all(
      tokens.map((token, index) => post(index % 2, '/survey/responses', { token, answers: scaleAnswers() })),
    );
    expect(answered.map((response) => response.status)).toEqual([202, 202, 202]);
    const report = await fetch(`${replicas[1]!.baseUrl}/survey-waves/${WAVE}/report`, {
      headers: { authorization: `Bearer ${hr}`, 'x-organisation-id': organisationId },
    });
    expect(report.status).toBe(200);
    expect(await report.json()).toMatchObject({ invited: 5, overall: { responses: 5 } });
  });
});
