import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_QUESTIONNAIRE, OPEN_ANSWER_MAX_LENGTH } from '../../workflows/domain/questionnaire';
import { SurveyStore } from '../../services/survey/surveyStore';
import { magicLinkKeyOf } from '../../services/auth/magicLinks';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { surveyGroup as group, surveyStoreOf } from '../support/surveyRespondents';

const WAVE = 'ninety-days-2026-Q4';
const fullAnswers = (likert = 4) =>
  DEFAULT_QUESTIONNAIRE.items
    .filter((item) => item.kind !== 'open')
    .map((item) => ({ itemId: item.id, value: item.kind === 'enps' ? 9 : likert }));

/**
 * The survey over HTTP: a personal link opens the questionnaire once, every refusal is problem+json in the reader's
 * language and stores nothing, and HR's report shows a group only once at least five of it answered.
 */
describeWithServices(['temporal'], 'the survey API', () => {
  let system: RunningSystem;
  let survey: SurveyStore;
  const organisationId = `jz-${randomUUID().slice(0, 8)}`;
  const otherOrganisation = `jz-${randomUUID().slice(0, 8)}`;
  let hrKey: string;

  beforeAll(async () => {
    system = await startSystem({ kafka: false, auth: 'required' });
    survey = surveyStoreOf(system);
    hrKey = system.apiKeys.issue({
      organisationId,
      roles: ['hr-advisor', 'admin'],
      label: 'hr',
      createdBy: 'test',
    }).token;
  });
  afterAll(async () => {
    survey?.close();
    await system?.stop();
  });

  const invite = (
    hireId: string,
    team = 'Team Noord',
    options: { organisation?: string; expiresAt?: number; waveId?: string } = {},
  ) =>
    survey.invite({
      organisationId: options.organisation ?? organisationId,
      hireId,
      waveId: options.waveId ?? WAVE,
      questionnaire: { id: DEFAULT_QUESTIONNAIRE.id, version: 1 },
      group: group(team),
      expiresAt: options.expiresAt ?? Date.now() + 86_400_000,
    });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const hr = (method: string, path: string) =>
    fetch(`${system.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${hrKey}`, 'x-organisation-id': organisationId },
    });

  /** What the answer store holds for the organisation, pending or released: what a refusal must leave alone. */
  function storedAnswers(): number {
    const db = new Database(join(system.dataDir, 'survey-answers.sqlite'), { readonly: true });
    try {
      const count = (table: string) =>
        (
          db.prepare(`SELECT count(*) AS n FROM ${table} WHERE organisation_id = ?`).get(organisationId) as {
            n: number;
          }
        ).n;
      return count('pending_responses') + count('responses');
    } finally {
      db.close();
    }
  }

  async function expectProblem(response: Response, status: number, type: string, language: 'nl' | 'en' = 'nl') {
    const body = (await response.json()) as { type: string; title: string; detail: string; status: number };
    expect([response.status, response.headers.get('content-type'), body.type]).toEqual([
      status,
      expect.stringMatching(/^application\/problem\+json/),
      `/problems/${type}`,
    ]);
    // Dutch by default, English when asked for: the same problem, in the reader's words.
    expect(body.detail).toMatch(
      language === 'nl' ? /\b(de|het|je|niet|niets|deze)\b/ : /\b(the|not|this|was|nothing)\b/,
    );
    return body;
  }

  it('opens the questionnaire of a personal link without sign-in, in both languages, and does not spend it', async () => {
    const token = await invite(`h-open-${randomUUID().slice(0, 6)}`);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await post('/survey/invitation', { token });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const view = (await response.json()) as {
        questionnaire: { items: { id: string; text: { nl: string; en: string } }[] };
      };
      expect(view.questionnaire.items.map((item) => item.id)).toEqual(
        DEFAULT_QUESTIONNAIRE.items.map((item) => item.id),
      );
      expect(view.questionnaire.items.find((item) => item.id === 'open-would-have-helped')!.text).toEqual({
        nl: 'Wat had je geholpen?',
        en: 'What would have helped you?',
      });
    }
  });

  it("refuses bad answers with problem+json in the reader's language, stores nothing and leaves the link unspent", async () => {
    const token = await invite(`h-bad-${randomUUID().slice(0, 6)}`);
    const before = storedAnswers();
    const cases: { answers: unknown; status: number; type: string }[] = [
      {
        answers: [...fullAnswers(), { itemId: 'no-such-question', value: 3 }],
        status: 400,
        type: 'invalid-survey-answers',
      },
      { answers: fullAnswers(6), status: 400, type: 'invalid-survey-answers' },
      { answers: fullAnswers().slice(1), status: 400, type: 'invalid-survey-answers' },
      {
        answers: [...fullAnswers(), { itemId: 'open-keep-doing', text: 'x'.repeat(OPEN_ANSWER_MAX_LENGTH + 1) }],
        status: 400,
        type: 'invalid-request',
      },
      {
        answers: [...fullAnswers(), { itemId: 'open-keep-doing', value: 3 }],
        status: 400,
        type: 'invalid-survey-answers',
      },
    ];
    for (const { answers, status, type } of cases) {
      await expectProblem(await post('/survey/responses', { token, answers }), status, type);
      await expectProblem(
        await post('/survey/responses', { token, answers }, { 'accept-language': 'en' }),
        status,
        type,
        'en',
      );
    }
    const unknown = await expectProblem(
      await post(
        '/survey/responses',
        { token, answers: [...fullAnswers(), { itemId: 'no-such-question', value: 3 }] },
        { 'accept-language': 'en' },
      ),
      400,
      'invalid-survey-answers',
      'en',
    );
    expect(JSON.stringify(unknown)).toContain('no-such-question');
    expect(storedAnswers()).toBe(before);
    // Still unspent: the same link is accepted once, then never again.
    expect((await post('/survey/responses', { token, answers: fullAnswers() })).status).toBe(202);
    expect(storedAnswers()).toBe(before + 1);
    await expectProblem(await post('/survey/responses', { token, answers: fullAnswers() }), 410, 'survey-link-spent');
    await expectProblem(
      await post('/survey/responses', { token, answers: fullAnswers() }, { 'accept-language': 'en' }),
      410,
      'survey-link-spent',
      'en',
    );
    await expectProblem(await post('/survey/invitation', { token }), 410, 'survey-link-spent');
    expect(storedAnswers()).toBe(before + 1);
  });

  it("refuses forged, expired and other organisations' links, storing nothing", async () => {
    const before = storedAnswers();
    const token = await invite(`h-forge-${randomUUID().slice(0, 6)}`);
    const forged = `${token.slice(0, -3)}${token.endsWith('A') ? 'B' : 'A'}xx`;
    await expectProblem(
      await post('/survey/responses', { token: forged, answers: fullAnswers() }),
      401,
      'survey-link-invalid',
    );
    // Signed with another key: a link the deployment never issued.
    const foreign = new SurveyStore(
      { tokensPath: ':memory:', answersPath: ':memory:' },
      magicLinkKeyOf(join(system.dataDir, 'other-key')),
    );
    const unknown = await foreign.invite({
      organisationId,
      hireId: 'h-x',
      waveId: WAVE,
      questionnaire: { id: 'ninety-days', version: 1 },
      group: group('Team Noord'),
      expiresAt: Date.now() + 1e6,
    });
    foreign.close();
    await expectProblem(
      await post('/survey/responses', { token: unknown, answers: fullAnswers() }, { 'accept-language': 'en' }),
      401,
      'survey-link-invalid',
      'en',
    );
    const expired = await invite(`h-old-${randomUUID().slice(0, 6)}`, 'Team Noord', { expiresAt: Date.now() - 1 });
    await expectProblem(
      await post('/survey/responses', { token: expired, answers: fullAnswers() }),
      410,
      'survey-link-expired',
    );
    // A link of another organisation, sent as if for this one.
    const otherHire = `h-other-${randomUUID().slice(0, 6)}`;
    const others = await invite(otherHire, 'Team Noord', { organisation: otherOrganisation });
    await expectProblem(
      await post(
        '/survey/responses',
        { token: others, answers: fullAnswers() },
        { 'x-organisation-id': organisationId },
      ),
      403,
      'organisation-forbidden',
    );
    await expectProblem(
      await post('/survey/invitation', { token: others }, { 'x-organisation-id': organisationId }),
      403,
      'organisation-forbidden',
    );
    expect(storedAnswers()).toBe(before);
    expect((await survey.invitationOf(otherOrganisation, otherHire, 'ninety-days'))?.spent).toBe(false);
  });

  it('shows a group only once five of it answered, released in batches of five per group, and exports aggregates only', async () => {
    const wave = (await (await hr('GET', '/survey-waves')).json()) as { waves: { waveId: string; invited: number }[] };
    expect(wave.waves.map((entry) => entry.waveId)).toEqual([WAVE]);
    const report = async () =>
      (await (await hr('GET', `/survey-waves/${WAVE}/report`)).json()) as {
        overall?: { responses: number };
        dimensions: {
          dimension: string;
          groups: { value: string; figures?: { responses: number }; suppressed?: string }[];
        }[];
      };
    const teams = async () => (await report()).dimensions.find((entry) => entry.dimension === 'team')!.groups;
    const answer = async (team: string, index: number) => {
      const token = await invite(`h-${team.slice(5).toLowerCase()}-${index}-${randomUUID().slice(0, 6)}`, team);
      expect(
        (
          await post('/survey/responses', {
            token,
            answers: [...fullAnswers(), { itemId: 'open-keep-doing', text: `De koffie, zegt ${team} ${index}` }],
          })
        ).status,
      ).toBe(202);
    };
    // One answer of Team Noord waits already (the test above). Answers wait in the pool until five of each of
    // their groups wait: five of the wave are not enough while one of them is Noord's.
    for (let index = 0; index < 10; index += 1) {
      await answer('Team Zuid', index);
      if (index < 4) expect((await report()).overall).toBeUndefined();
    }
    // Released: Zuid in two batches of five; Noord's one still waits and is never part of a batch.
    expect((await report()).overall?.responses).toBe(10);
    expect((await teams()).map((entry) => [entry.value, entry.figures?.responses, entry.suppressed])).toEqual([
      ['Team Noord', undefined, 'below-minimum'],
      ['Team Zuid', 10, undefined],
    ]);
    for (let index = 0; index < 5; index += 1) await answer('Team West', index);
    expect((await report()).overall?.responses).toBe(15);
    expect((await teams()).map((entry) => [entry.value, entry.figures?.responses, entry.suppressed])).toEqual([
      ['Team Noord', undefined, 'below-minimum'],
      ['Team West', 5, undefined],
      ['Team Zuid', 10, undefined],
    ]);

    const csv = await hr('GET', `/survey-waves/${WAVE}/report/export`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe(
      'wave,dimension,group,invited,responses,response_rate,item,mean,enps,distribution',
    );
    expect(text).toContain(`${WAVE},wave,all,`);
    expect(text).not.toContain('De koffie');
    expect(text).toMatch(/ninety-days-2026-Q4,team,Team Zuid,10,10,1\.000,enps,9,100,0 0 0 0 0 0 0 0 0 10 0/);
    expect(text).not.toMatch(/Team Noord,\d+,\d+/);
  });

  it('lets HR redact an open answer with a reason: gone from the store, shown as redacted, audited without the text', async () => {
    const redact = (answerId: string, body: unknown, language?: string) =>
      fetch(`${system.baseUrl}/survey-waves/${WAVE}/open-answers/${answerId}/redaction`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${hrKey}`,
          'x-organisation-id': organisationId,
          'content-type': 'application/json',
          ...(language ? { 'accept-language': language } : {}),
        },
        body: JSON.stringify(body),
      });
    const openAnswers = async () =>
      (
        (await (await hr('GET', `/survey-waves/${WAVE}/report`)).json()) as {
          openAnswers: {
            itemId: string;
            texts: string[];
            answers: { answerId: string; text?: string; redacted?: boolean }[];
          }[];
        }
      ).openAnswers.find((entry) => entry.itemId === 'open-keep-doing')!;
    const before = await openAnswers();
    const target = before.answers.find((answer) => answer.text === 'De koffie, zegt Team Zuid 3')!;
    expect(target.answerId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(before.answers.map((answer) => answer.answerId)).size).toBe(before.answers.length);

    await expectProblem(await redact(target.answerId, {}), 400, 'invalid-request');
    await expectProblem(await redact(target.answerId, { reason: '' }, 'en'), 400, 'invalid-request', 'en');
    await expectProblem(
      await redact('AAAAAAAAAAAAAAAAAAAAAA', { reason: 'noemt een collega' }),
      404,
      'survey-open-answer-not-found',
    );
    await expectProblem(
      await redact('AAAAAAAAAAAAAAAAAAAAAA', { reason: 'names a colleague' }, 'en'),
      404,
      'survey-open-answer-not-found',
      'en',
    );
    expect((await openAnswers()).texts).toContain(target.text);

    const redacted = await redact(target.answerId, { reason: 'noemt een collega bij naam' });
    expect(redacted.status).toBe(200);
    expect(await redacted.json()).toEqual({ answerId: target.answerId, itemId: 'open-keep-doing', redacted: true });
    const after = await openAnswers();
    expect(after.texts).not.toContain(target.text);
    expect(after.texts).toHaveLength(before.texts.length - 1);
    expect(after.answers.at(-1)).toEqual({ answerId: target.answerId, redacted: true });
    // Gone from the file, not only from the report (secure_delete zeroes the old row).
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(system.dataDir, 'survey-answers.sqlite')).includes(target.text!)).toBe(false);
    const csv = await (await hr('GET', `/survey-waves/${WAVE}/report/export`)).text();
    expect(csv).not.toContain('Team Zuid 3');

    // Again: nothing changes, nothing more recorded.
    expect((await redact(target.answerId, { reason: 'nog een keer' })).status).toBe(200);
    const recorded: { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[] = [];
    for await (const event of system.store.readStream(`surveywave-${organisationId}.${WAVE}`))
      if (event.type === 'SurveyOpenAnswerRedacted') recorded.push(event as never);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.data).toEqual({
      organisationId,
      waveId: WAVE,
      answerId: target.answerId,
      itemId: 'open-keep-doing',
      reason: 'noemt een collega bij naam',
    });
    expect(recorded[0]!.metadata.actor).toEqual(expect.any(String));
    expect(JSON.stringify([recorded[0]!.data, recorded[0]!.metadata])).not.toContain('koffie');
  });

  it('trends per item across waves and years: a small wave withheld at its close, so its year gives nothing of it away', async () => {
    const earlier = 'ninety-days-2026-Q3';
    for (let index = 0; index < 3; index += 1) {
      const token = await invite(`h-q3-${index}-${randomUUID().slice(0, 6)}`, 'Team Noord', { waveId: earlier });
      expect((await post('/survey/responses', { token, answers: fullAnswers(2) })).status).toBe(202);
    }
    // Three wait in the pool; closing the wave withholds them for good instead of releasing three.
    expect((await hr('POST', `/survey-waves/${earlier}/closure`)).status).toBe(200);
    const response = await hr('GET', '/questionnaires/ninety-days/trends');
    expect(response.status).toBe(200);
    const trends = (await response.json()) as {
      waves: { period: string; responses?: number; suppressed?: string; items?: { itemId: string; mean: number }[] }[];
      years: unknown[];
    };
    expect(trends.waves.map((wave) => [wave.period, wave.responses, wave.suppressed])).toEqual([
      [earlier, undefined, 'below-minimum'],
      [WAVE, 15, undefined],
    ]);
    expect(trends.waves[1]!.items!.find((item) => item.itemId === 'enps')?.mean).toBe(9);
    // Nothing of the small wave was released, so the year is the shown wave's answers only: shown, giving nothing away.
    expect(trends.years).toMatchObject([{ period: '2026', responses: 15 }]);

    const csv = await hr('GET', '/questionnaires/ninety-days/trends/export');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe(
      'questionnaire,period_kind,period,responses,suppressed,item,item_responses,mean,enps',
    );
    expect(text).toContain(`ninety-days,wave,${earlier},,below-minimum,`);
    expect(text).toMatch(/ninety-days,year,2026,15,,enps,15,9,100/);
    expect(text).toMatch(/ninety-days,wave,ninety-days-2026-Q4,15,,enps,15,9,100/);
  });

  it('trends per team across waves and years, the same in JSON and CSV; an unknown dimension is a problem', async () => {
    const response = await hr('GET', '/questionnaires/ninety-days/trends?groupBy=team');
    expect(response.status).toBe(200);
    const trends = (await response.json()) as {
      groupBy: string;
      groups: { value: string; waves: { period: string; responses?: number }[]; years: { responses?: number }[] }[];
    };
    expect(trends.groupBy).toBe('team');
    // Only released answers count: Noord's one answer never was, so Noord is no group of the trends at all.
    expect(
      trends.groups.map((group) => [
        group.value,
        group.waves.map((wave) => wave.responses ?? '-'),
        group.years.map((year) => year.responses ?? '-'),
      ]),
    ).toEqual([
      ['Team West', ['-', 5], [5]],
      ['Team Zuid', ['-', 10], [10]],
    ]);
    const csv = await (await hr('GET', '/questionnaires/ninety-days/trends/export?groupBy=team')).text();
    expect(csv.split('\r\n')[0]).toBe(
      'questionnaire,dimension,group,period_kind,period,responses,suppressed,item,item_responses,mean,enps',
    );
    expect(csv).toMatch(/ninety-days,organisation,all,year,2026,15,,enps,15,9,100/);
    expect(csv).toMatch(/ninety-days,team,Team Zuid,year,2026,10,,enps,10,9,100/);
    expect(csv).toContain('ninety-days,team,Team West,wave,ninety-days-2026-Q3,,below-minimum,');
    expect(csv).not.toContain('Team Noord');

    const refused = await fetch(`${system.baseUrl}/questionnaires/ninety-days/trends?groupBy=hire`, {
      headers: { authorization: `Bearer ${hrKey}`, 'x-organisation-id': organisationId, 'accept-language': 'en' },
    });
    await expectProblem(refused, 400, 'invalid-request', 'en');
  });

  it("erases the erased hire's invitation and keeps the anonymous answers", async () => {
    const hireId = `h-erase-${randomUUID().slice(0, 6)}`;
    const token = await invite(hireId);
    expect((await post('/survey/responses', { token, answers: fullAnswers() })).status).toBe(202);
    const answers = storedAnswers();
    // There is something to erase: the hire's own invitation, spent by the answer just sent.
    expect(await survey.invitationOf(organisationId, hireId, 'ninety-days')).toEqual({ token, spent: true });
    expect((await hr('DELETE', `/people/${hireId}`)).status).toBe(204);
    expect(await survey.invitationOf(organisationId, hireId, 'ninety-days')).toBeUndefined();
    expect(storedAnswers()).toBe(answers);
  });
});
