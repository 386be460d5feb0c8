import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { apiRequest } from '../support/apiRequest';
import { expectProblem, readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';

/**
 * The exit questionnaire end to end on real Temporal and SMTP: a termination mails the leaver a personal link, the
 * link takes one anonymous answer, and HR's report shows the team only once five leavers of it answered.
 */
describeWithServices(['temporal'], 'the exit questionnaire', () => {
  let system: RunningSystem;
  let smtp: SmtpSink;
  const organisationId = `exit-${randomUUID().slice(0, 8)}`;
  const leavers = Array.from({ length: 5 }, (_, index) => `h-leaver-${index}-${randomUUID().slice(0, 6)}`);
  const addressOf = (hireId: string) => `${hireId}@voorbeeld.test`;
  const tokens = new Map<string, string>();
  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, extra);
  const command = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    send('POST', path, body, { 'idempotency-key': randomUUID(), ...headers });
  // The questionnaire page's calls carry no credentials: the link is the credential.
  const open = (token: string) => fetch(`${system.baseUrl}/exit-questionnaire/invitation`, post({ token }));
  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}/exit-questionnaire/responses`, post(body, headers));
  const report = async () =>
    readJson(await send('GET', '/analytics/exit-questionnaire', undefined, { 'x-role': 'hr-advisor' }));

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, smtpUrl: smtp.url });
    for (const hireId of leavers) {
      const registered = await command('/hires', {
        hireId,
        startDate: '2027-03-01',
        role: 'Jeugdzorgwerker',
        team: 'Team Noord',
        newHire: { displayName: `Leaver ${hireId}`, email: addressOf(hireId), language: 'nl' },
      });
      expect(registered.status).toBe(201);
    }
    for (const hireId of leavers) {
      await waitFor(
        async () => readJson(await send('GET', `/hires/${hireId}`)),
        (view) => Array.isArray(view.items),
        20_000,
      );
      expect((await command(`/hires/${hireId}/termination`, { lastWorkingDay: '2027-02-15' })).status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it('mails every leaver a personal link to the questionnaire at the SMTP server, in their language', async () => {
    for (const hireId of leavers) {
      const [mail] = await waitFor(
        async () => smtp.to(addressOf(hireId)).filter((m) => /exit-questionnaire#/.test(m.parsed.text ?? '')),
        (mails) => mails.length > 0,
        30_000,
      );
      expect(mail!.parsed.subject).toBe('Uitnodiging voor een exitgesprek');
      expect(mail!.parsed.text).toContain('vertrekvragenlijst');
      const token = /\/app\/exit-questionnaire#(sxt_[0-9a-f]{32}\.[A-Za-z0-9_-]+)/.exec(mail!.parsed.text ?? '')?.[1];
      expect(token).toBeDefined();
      tokens.set(hireId, token!);
    }
    expect(new Set(tokens.values()).size).toBe(leavers.length);
  });

  it('opens a link without sign-in and refuses a forged one', async () => {
    const opened = await open(tokens.get(leavers[0]!)!);
    expect(opened.status).toBe(200);
    expect(await readJson(opened)).toMatchObject({ expiresAt: expect.any(String) });
    await expectProblem(await open('sxt_0000.forged'), 401, { type: '/problems/survey-link-invalid' });
  });

  it('refuses an answer without a reason or with too long a text beside the field, in Dutch and English, and keeps the link', async () => {
    const token = tokens.get(leavers[0]!)!;
    const refused = await expectProblem(await submit({ token, reasons: [], openText: 'x'.repeat(2_001) }), 400, {
      type: '/problems/invalid-exit-questionnaire-answer',
      title: 'Antwoord niet compleet of ongeldig',
    });
    expect(refused.errors).toEqual([
      { pointer: '/reasons', detail: 'Kies minstens één vertrekreden.' },
      { pointer: '/openText', detail: expect.stringContaining('langer dan 2000 tekens') },
    ]);
    const english = await expectProblem(await submit({ token, reasons: [] }, { 'accept-language': 'en' }), 400, {
      title: 'Answer incomplete or invalid',
    });
    expect(english.errors).toEqual([{ pointer: '/reasons', detail: 'Choose at least one exit reason.' }]);
    await expectProblem(await submit({ token, reasons: ['salary'] }), 400, { type: '/problems/invalid-request' });
    expect((await open(token)).status).toBe(200);
  });

  it('takes one answer per link: a second submission is refused', async () => {
    const token = tokens.get(leavers[0]!)!;
    const first = await submit({ token, reasons: ['workload', 'little-manager-support'], openText: 'Te weinig tijd' });
    expect(first.status).toBe(202);
    await expectProblem(await submit({ token, reasons: ['other'] }), 410, { type: '/problems/survey-link-spent' });
    await expectProblem(await open(token), 410, { type: '/problems/survey-link-spent' });
  });

  it('reports nothing with four answers and the team with five; the stored answers name nobody', async () => {
    for (const hireId of leavers.slice(1, 4))
      expect((await submit({ token: tokens.get(hireId)!, reasons: ['workload'] })).status).toBe(202);
    expect(await report()).toEqual({ minimumGroupSize: 5, teams: [], openTexts: [] });

    expect(
      (await submit({ token: tokens.get(leavers[4]!)!, reasons: ['career-opportunities'], openText: 'Andere baan' }))
        .status,
    ).toBe(202);
    const shown = await report();
    expect(shown.whole.respondents).toBe(5);
    const counts = Object.fromEntries(
      shown.whole.reasons.map((r: { code: string; respondents: number }) => [r.code, r.respondents]),
    );
    expect(counts).toMatchObject({ workload: 4, 'little-manager-support': 1, 'career-opportunities': 1, other: 0 });
    expect(shown.teams).toEqual([{ team: 'Team Noord', figures: shown.whole }]);
    expect(shown.openTexts).toEqual(['Andere baan', 'Te weinig tijd']);

    const db = new Database(join(system.dataDir, 'survey-answers.sqlite'), { readonly: true });
    try {
      const rows = db.prepare(`SELECT * FROM exit_responses WHERE organisation_id = ?`).all(organisationId);
      expect(rows).toHaveLength(5);
      const stored = JSON.stringify(rows);
      for (const hireId of leavers) expect(stored).not.toContain(hireId);
      for (const token of tokens.values()) expect(stored).not.toContain(token.slice(4, 36));
      expect(Object.keys(rows[0] as object).sort()).toEqual(['answer', 'id', 'organisation_id', 'team']);
    } finally {
      db.close();
    }
  });

  it('refuses a team of only asterisks at registration, since "*" names the pooled small teams, and stores nothing', async () => {
    const hireId = `h-star-${randomUUID().slice(0, 6)}`;
    const body = { hireId, startDate: '2027-03-01', role: 'Jeugdzorgwerker', team: '*' };
    const dutch = await expectProblem(await command('/hires', body), 400, { type: '/problems/invalid-request' });
    expect(dutch.errors).toEqual([
      { pointer: '/team', detail: 'mag niet alleen uit sterretjes bestaan ("*" is de groep kleine teams samen)' },
    ]);
    const english = await expectProblem(await command('/hires', body, { 'accept-language': 'en' }), 400, {
      type: '/problems/invalid-request',
    });
    expect(english.errors).toEqual([
      { pointer: '/team', detail: 'must not be only asterisks ("*" is the group of small teams together)' },
    ]);
    expect((await send('GET', `/hires/${hireId}`)).status).toBe(404);
  });

  it('shows the report to HR, not to a manager', async () => {
    await expectProblem(await send('GET', '/analytics/exit-questionnaire', undefined, { 'x-role': 'manager' }), 403, {
      type: '/problems/forbidden',
    });
  });
});

function post(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
