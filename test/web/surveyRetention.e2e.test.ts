import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDemoCohorts } from '../../services/analytics/demoCohorts';
import { retentionRows } from '../../services/projections';
import type { SurveyStore } from '../../services/survey/surveyStore';
import { addDays } from '../../workflows/domain/calendar';
import { quarterOf } from '../../workflows/domain/surveyGroups';
import { apiRequest } from '../support/apiRequest';
import { SCREENSHOTS, expectAccessible, signInDev, describeWebAppSuite, readInEnglish } from '../support/browser';
import { readJson } from '../support/httpAnswers';
import { waitFor } from '../support/waitFor';
import { answerAsRetentionRow, surveyStoreOf, uniformScaleAnswers } from '../support/surveyRespondents';
import { openFromMenu, tableRows } from '../support/menuPages';

const SCORES: Record<string, [likert: number, enps: number]> = { 'Team Oost': [5, 10], 'Team Zuid': [2, 4] };

/**
 * The survey-beside-retention page in headless Chromium: demo cohorts through the real event path, one start
 * quarter invited and answering through the survey API, the wave closed; the page shows what the API shows per
 * group, hidden groups with the survey's reason, and has no axe violations.
 */
describeWebAppSuite('the survey beside retention page in headless Chromium', { timeoutMs: 240_000 }, (suite) => {
  const organisationId = `enqbehoud-${randomUUID().slice(0, 8)}`;
  const today = new Date().toISOString().slice(0, 10);
  let survey: SurveyStore;
  let waveId = '';

  beforeAll(async () => {
    const { system } = suite;
    survey = surveyStoreOf(system);
    const { hires } = await writeDemoCohorts(system.store, organisationId, today);
    const rows = await waitFor(
      async () => retentionRows(system.readModels, organisationId),
      (found) => found.length === hires,
      30_000,
    );
    // The start quarter of a year and a half ago: its 90-day wave is long over and a year of retention is known.
    const quarter = quarterOf(addDays(today, -540));
    const cohort = rows.filter((row) => quarterOf(row.startDate) === quarter && row.status !== 'withdrawn');
    waveId = `ninety-days-${quarterOf(addDays(cohort[0]!.startDate, 91))}`;
    for (const row of cohort)
      await answerAsRetentionRow(
        system.baseUrl,
        survey,
        { organisationId, waveId },
        row,
        uniformScaleAnswers(...(SCORES[String(row.team)] ?? [4, 8])),
      );
    expect(
      (
        await apiRequest(system.baseUrl, organisationId, 'POST', `/survey-waves/${waveId}/closure`, undefined, {
          'idempotency-key': randomUUID(),
        })
      ).status,
    ).toBe(200);
    await signInDev(suite.page, system.baseUrl, organisationId, 'hr-advisor');
  });
  // Before describeWebAppSuite stops the system the store reads.
  afterAll(() => survey?.close());

  it('shows per team the item scores beside retention as the API gives them, and hidden teams with the reason', async () => {
    const { page, system } = suite;
    await openFromMenu(page, 'Enquête en behoud', 'Enquête naast behoud');
    const table = page.getByTestId('survey-retention-groups');
    await table.waitFor();
    const view = await readJson(
      await apiRequest(system.baseUrl, organisationId, 'GET', `/analytics/survey-retention?waveId=${waveId}`),
    );
    const teams = view.groups.filter((group: any) => group.dimension === 'team');
    expect(teams.some((group: any) => group.survey)).toBe(true);
    const rows = await tableRows(table);
    const percent = (value: number | null) =>
      value === null
        ? 'nog niet bekend'
        : new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 }).format(value);
    expect(rows).toEqual(
      teams.map((group: any) =>
        group.survey
          ? [
              group.value,
              String(group.survey.responses),
              expect.any(String),
              String(group.survey.items.find((item: any) => item.kind === 'enps').enps),
              String(group.retention.hires),
              String(group.retention.left),
              percent(group.retention.retention.days90),
              percent(group.retention.retention.year1),
            ]
          : [
              group.value,
              group.suppressed === 'complementary'
                ? 'Verborgen: anders is een kleine groep af te leiden'
                : 'Verborgen: te weinig antwoorden',
            ],
      ),
    );
    const oost = teams.find((group: any) => group.value === 'Team Oost');
    if (oost?.survey) expect(rows.find((row) => row[0] === 'Team Oost')![2]).toBe('5,00');
    await page
      .getByRole('img', { name: /^Gemiddelde score tegenover behoud \(na (1 jaar|90 dagen)\) per team$/ })
      .waitFor();
    await page.getByTestId('survey-retention-items').waitFor();
    await expectAccessible(page, 'survey beside retention');
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-retention.png'), fullPage: true });
  });

  it('downloads the same groups as CSV, hidden groups without figures', async () => {
    const { page, system } = suite;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download als CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const answer = await apiRequest(
      system.baseUrl,
      organisationId,
      'GET',
      `/analytics/survey-retention/export?waveId=${waveId}`,
    );
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv).toBe(await answer.text());
    const view = await readJson(
      await apiRequest(system.baseUrl, organisationId, 'GET', `/analytics/survey-retention?waveId=${waveId}`),
    );
    const [header, ...lines] = csv
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const column = (name: string) => header!.indexOf(name);
    for (const group of view.groups) {
      const mine = lines.filter(
        (line) => line[column('dimension')] === group.dimension && line[column('group')] === group.value,
      );
      expect(mine.length).toBeGreaterThan(0);
      for (const line of mine) {
        expect(line[column('suppressed')]).toBe(group.suppressed ?? '');
        expect(line[column('responses')]).toBe(group.survey ? String(group.survey.responses) : '');
        expect(line[column('hires')]).toBe(group.retention ? String(group.retention.hires) : '');
      }
    }
  });

  it('switches to English with the same figures', async () => {
    const { page } = suite;
    await readInEnglish(page);
    await page.getByRole('heading', { level: 1, name: 'Survey beside retention' }).waitFor();
    await page.getByRole('columnheader', { name: 'After 90 days' }).first().waitFor();
    await expectAccessible(page, 'survey beside retention (en)');
  });
});
