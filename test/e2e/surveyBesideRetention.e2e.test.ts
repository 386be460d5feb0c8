import { randomUUID } from 'node:crypto';
import { retentionRows } from '../../services/projections';
import type { SurveyStore } from '../../services/survey/surveyStore';
import { apiRequest } from '../support/apiRequest';
import { expectProblem, readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { answerAsRetentionRow, surveyStoreOf, uniformScaleAnswers } from '../support/surveyRespondents';

const WAVE = 'ninety-days-2027-Q2';

/**
 * Issue #13's survey beside retention, end to end: hires registered through the API run real journeys, are
 * invited to the wave with the groups the survey fixes, answer through the survey API, and two leave. The view
 * shows a team's item scores beside its retention only where the survey's own report shows the team.
 */
describeWithServices(['temporal'], 'the 90-day survey beside retention, per reportable group', () => {
  let system: RunningSystem;
  let survey: SurveyStore;
  const organisationId = `enquete-${randomUUID().slice(0, 8)}`;
  const teams = { 'Team Noord': 6, 'Team Zuid': 5, 'Team West': 2 } as const;
  const hires = Object.entries(teams).flatMap(([team, size]) =>
    Array.from({ length: size }, (_, index) => ({
      team,
      hireId: `h-${team.slice(5).toLowerCase()}-${index}-${randomUUID().slice(0, 6)}`,
    })),
  );
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, { 'idempotency-key': randomUUID(), ...headers });
  const view = (query: string, headers: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, 'GET', `/analytics/survey-retention${query}`, undefined, headers);

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
    survey = surveyStoreOf(system);
    for (const { hireId, team } of hires)
      expect(
        (
          await send('POST', '/hires', {
            hireId,
            startDate: '2027-01-04',
            role: 'Jeugdzorgwerker',
            team,
            location: 'Utrecht',
          })
        ).status,
      ).toBe(201);
    const rows = await waitFor(
      async () => retentionRows(system.readModels, organisationId),
      (found) => found.length === hires.length,
      20_000,
    );
    for (const row of rows)
      await answerAsRetentionRow(
        system.baseUrl,
        survey,
        { organisationId, waveId: WAVE },
        row,
        row.team === 'Team Noord' ? uniformScaleAnswers(4, 9) : uniformScaleAnswers(2, 3),
      );
    expect((await send('POST', `/survey-waves/${WAVE}/closure`)).status).toBe(200);
    // Journeys answer commands once they run.
    const noord = hires.filter((hire) => hire.team === 'Team Noord');
    for (const { hireId } of noord.slice(0, 2))
      await waitFor(
        async () => readJson(await send('GET', `/hires/${hireId}`)),
        (hire) => Array.isArray(hire.items),
        20_000,
      );
    expect(
      (await send('POST', `/hires/${noord[0]!.hireId}/termination`, { lastWorkingDay: '2027-03-31' })).status,
    ).toBe(200);
    expect(
      (await send('POST', `/hires/${noord[1]!.hireId}/termination`, { lastWorkingDay: '2027-06-30' })).status,
    ).toBe(200);
    await waitFor(
      async () => retentionRows(system.readModels, organisationId).filter((row) => row.status === 'left').length,
      (left) => left === 2,
      20_000,
    );
  }, 240_000);
  afterAll(async () => {
    survey?.close();
    await system?.stop();
  });

  it('shows a team the survey report shows with its item scores beside its retention, and nothing of the teams it hides', async () => {
    const body = await readJson(await view(`?waveId=${WAVE}&asOf=2027-12-01`));
    expect([body.waveId, body.minimumGroupSize, body.startQuarters, body.asOf]).toEqual([
      WAVE,
      5,
      ['2027-Q1'],
      '2027-12-01',
    ]);
    const team = body.groups.filter((group: any) => group.dimension === 'team');
    // Answers are released per group in batches of five: Noord's sixth and West's two waited for company that never
    // came and were withheld when the wave closed. West is under five: hidden — the survey report's own rule.
    expect(team.map((group: any) => [group.value, group.survey?.responses, group.suppressed])).toEqual([
      ['Team Noord', 5, undefined],
      ['Team West', undefined, 'below-minimum'],
      ['Team Zuid', 5, undefined],
    ]);
    const report = await readJson(await send('GET', `/survey-waves/${WAVE}/report`));
    const reportedNoord = report.dimensions
      .find((entry: any) => entry.dimension === 'team')
      .groups.find((group: any) => group.value === 'Team Noord');
    const [noord, west, zuid] = team;
    expect(noord.survey).toEqual(reportedNoord.figures);
    expect(noord.survey.items.filter((item: any) => item.kind === 'likert').every((item: any) => item.mean === 4)).toBe(
      true,
    );
    expect(noord.survey.items.find((item: any) => item.kind === 'enps').enps).toBe(100);
    // Noord: six hires from 4 January; leavers on day 86 and day 177.
    expect(noord.retention).toMatchObject({ hires: 6, stillEmployed: 4, left: 2, earlyLeavers: 2 });
    expect(noord.retention.retention.days90).toBeCloseTo(5 / 6, 12);
    expect(noord.retention.retention.months6).toBeCloseTo(4 / 6, 12);
    expect(zuid.retention).toMatchObject({ hires: 5, left: 0 });
    expect(Object.keys(west).sort()).toEqual(['dimension', 'suppressed', 'value']);
    const quarter = body.groups.find((group: any) => group.dimension === 'startQuarter');
    expect([quarter.value, quarter.survey.responses, quarter.retention.hires, quarter.retention.left]).toEqual([
      '2027-Q1',
      10,
      13,
      2,
    ]);
  });

  it("refuses a missing or malformed wave and a bad date with problem+json in the reader's language, and an unknown wave with 404", async () => {
    await expectProblem(await view(''), 400, { type: '/problems/invalid-request' });
    await expectProblem(await view('?waveId=Q2'), 400, { type: '/problems/invalid-request' });
    const english = await expectProblem(
      await view(`?waveId=${WAVE}&asOf=2027-13-01`, { 'accept-language': 'en' }),
      400,
      { type: '/problems/invalid-request' },
    );
    expect(english.detail).toMatch(/\b(the|is|not)\b/);
    const unknown = await expectProblem(await view('?waveId=ninety-days-2001-Q1'), 404, {
      type: '/problems/survey-wave-not-found',
    });
    expect(unknown.detail).toMatch(/\b(de|het|niet|geen)\b/);
  });

  it('is for HR, the auditor and the administrator only, as the survey report is', async () => {
    for (const role of ['recruiter', 'manager', 'mentor'])
      expect((await view(`?waveId=${WAVE}`, { 'x-role': role })).status).toBe(403);
    expect((await view(`?waveId=${WAVE}`, { 'x-role': 'auditor' })).status).toBe(200);
  });
});
