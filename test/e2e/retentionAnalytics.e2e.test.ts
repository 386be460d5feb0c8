import { randomUUID } from 'node:crypto';
import { RVDK } from '../../workflows/domain/costCalculatorExamples';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { expectProblem, readJson } from '../support/httpAnswers';
import { apiRequest, requestsWith } from '../support/apiRequest';
import { registerHire } from '../support/hireRegistrations';

/**
 * Issue #13 end to end: journeys run on real Temporal, some hires are terminated and their exit interviews held
 * through the API, and the analytics endpoints show the cohort figures that follow. Journeys run in real time,
 * so start dates lie ahead and the figures are asked `asOf` a day after the leavers' last working days.
 */
describeWithServices(['temporal'], 'retention analytics and the cost calculator through the API', () => {
  let system: RunningSystem;
  const organisationId = `retentie-${randomUUID().slice(0, 8)}`;
  const AS_OF = '2027-12-01';

  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, extra);
  const get = async (path: string) => readJson(await send('GET', path));
  const command = (path: string, body?: unknown) => send('POST', path, body, { 'idempotency-key': randomUUID() });

  const register = (hireId: string, team: string, startDate: string) =>
    registerHire(
      requestsWith(() => system.baseUrl, organisationId, {}),
      {
        hireId,
        startDate,
        role: 'Jeugdzorgwerker',
        team,
      },
    );

  async function leave(hireId: string, lastWorkingDay: string, reasons?: string[]) {
    expect((await command(`/hires/${hireId}/termination`, { lastWorkingDay })).status).toBe(200);
    if (reasons)
      expect((await command(`/hires/${hireId}/exit-interview`, { reasons, wouldHaveKept: [] })).status).toBe(200);
  }

  // Team Noord, Q1 2027: seven hires, five leave with an exit interview. Team Zuid, Q2: three hires, one leaves
  // with an interview, one withdraws before day one.
  const noord = Array.from({ length: 7 }, (_, index) => `h-noord-${index}-${randomUUID().slice(0, 6)}`);
  const zuid = Array.from({ length: 3 }, (_, index) => `h-zuid-${index}-${randomUUID().slice(0, 6)}`);

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
    expect((await send('PUT', '/mailboxes/hr', { displayName: 'HR', email: 'hr@retentie.test' })).status).toBe(200);
    for (const hireId of noord) await register(hireId, 'Team Noord', '2027-03-01');
    for (const hireId of zuid) await register(hireId, 'Team Zuid', '2027-04-05');
    // Journeys answer commands once they run.
    for (const hireId of [...noord, ...zuid])
      await waitFor(
        async () => readJson(await send('GET', `/hires/${hireId}`)),
        (view) => Array.isArray(view.items),
        20_000,
      );
    const lastDays = ['2027-04-30', '2027-05-31', '2027-06-30', '2027-08-31', '2027-10-31'];
    for (const [index, hireId] of noord.slice(0, 5).entries())
      await leave(hireId, lastDays[index]!, index < 3 ? ['workload'] : ['workload', 'career-opportunities']);
    await leave(zuid[0]!, '2027-09-30', ['little-manager-support']);
    expect((await command(`/hires/${zuid[1]}/withdrawal`, { reason: 'andere baan' })).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await system?.stop();
  });

  /** What a retention group counts, in the order of the CSV export's first columns (the test below). */
  const GROUP_FIGURES = ['cohort', 'team', 'hires', 'stillEmployed', 'left', 'withdrawn', 'earlyLeavers'] as const;

  it('shows hires, stayers, leavers and withdrawals per start quarter and team, with Kaplan–Meier retention', async () => {
    const body = await waitFor(
      () => get(`/analytics/retention?period=quarter&groupBy=team&asOf=${AS_OF}`),
      (answer: any) => answer.groups.reduce((sum: number, group: any) => sum + group.left + group.withdrawn, 0) === 7,
      20_000,
    );
    expect(body.groups.map((group: any) => GROUP_FIGURES.map((field) => group[field]))).toEqual([
      ['2027-Q1', 'Team Noord', 7, 2, 5, 0, 5],
      ['2027-Q2', 'Team Zuid', 3, 1, 1, 1, 1],
    ]);
    // Noord: leavers on days 60, 91, 121, 183, 244 of 7; the two stayers are observed 275 days.
    const noordGroup = body.groups[0];
    expect(noordGroup.retention.days90).toBeCloseTo(6 / 7, 12);
    expect(noordGroup.retention.months6).toBeCloseTo(3 / 7, 12);
    expect(noordGroup.retention.year1).toBeNull();
    const q1 = body.curves.find((curve: any) => curve.cohort === '2027-Q1');
    expect(q1.points.map((point: any) => point.day)).toEqual([0, 60, 91, 121, 183, 244]);
    expect(q1.points[5].survival).toBeCloseTo(2 / 7, 12);
  });

  it('exports the same figures as CSV', async () => {
    const response = await send('GET', `/analytics/retention?period=quarter&groupBy=team&asOf=${AS_OF}&format=csv`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe(
      'cohort,team,hires,stillEmployed,left,withdrawn,earlyLeavers,retention_days90,retention_months6,retention_year1,retention_years2',
    );
    expect(lines[1]).toBe(`2027-Q1,Team Noord,7,2,5,0,5,${(6 / 7).toFixed(4)},${(3 / 7).toFixed(4)},,`);
  });

  it('suppresses exit reasons of small groups, and the group that would give them away', async () => {
    const byTeam = await get('/analytics/exit-themes?view=team');
    // Zuid has one interviewed leaver; Noord's five would give it away next to the organisation's six.
    expect(byTeam.groups).toEqual([
      { team: 'Team Noord', interviewed: null, suppressed: true },
      { team: 'Team Zuid', interviewed: null, suppressed: true },
    ]);
    const byYear = await get('/analytics/exit-themes?view=cohort&period=year');
    expect(byYear.groups).toEqual([
      {
        cohort: '2027',
        interviewed: 6,
        suppressed: false,
        reasons: [
          { code: 'workload', count: 5 },
          { code: 'career-opportunities', count: 2 },
          { code: 'little-manager-support', count: 1 },
        ],
        themes: [
          { theme: 'workload', count: 5 },
          { theme: 'development', count: 2 },
          { theme: 'leadership', count: 1 },
        ],
      },
    ]);
  });

  it('prices early leaving with the research’s RvdK settings, to the euro', async () => {
    const saved = await send('PUT', '/cost-settings', { version: 1, lines: RVDK.settings.lines });
    expect(saved.status).toBe(200);
    expect(await readJson(saved)).toMatchObject({ version: 1 });
    // A stale version and a line given twice are refused, and nothing is stored.
    await expectProblem(await send('PUT', '/cost-settings', { version: 1, lines: [] }), 409, {
      type: '/problems/cost-settings-version-conflict',
    });
    const twice = [RVDK.settings.lines[0], RVDK.settings.lines[0]];
    const invalid = await expectProblem(
      await send('PUT', '/cost-settings', { version: 2, lines: twice }, { 'accept-language': 'en' }),
      400,
      { type: '/problems/invalid-cost-settings', title: 'Invalid cost settings' },
    );
    expect(invalid.errors).toEqual([
      { pointer: '/lines/1', detail: 'The cost line "profile-definition" is already given for this role.' },
    ]);
    expect((await get('/cost-settings')).version).toBe(1);

    const cost = await get(`/analytics/cost?asOf=${AS_OF}&targetRate=0.03`);
    expect(cost.settingsVersion).toBe(1);
    expect(cost.perHire.euros).toBe(44322);
    expect(cost.perHire.categories.map((category: any) => [category.category, category.euros])).toEqual([
      ['recruitment', 2396],
      ['onboarding', 41821],
      ['outflow', 38],
      ['indirect', 67],
    ]);
    // Nine hires started (one withdrew), six left within the first year.
    expect(cost.earlyLeaving).toMatchObject({
      hires: 9,
      earlyLeavers: 6,
      earlyLeaversEuros: 6 * 44322,
      costPerEarlyLeaverEuros: 44322,
    });
    expect(cost.earlyLeaving.savingAtTargetEuros).toBeCloseTo((6 - 9 * 0.03) * 44322, 2);
  });
});
