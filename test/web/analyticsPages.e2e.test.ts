import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeDemoCohorts } from '../../services/analytics/demoCohorts';
import { JB_WEST } from '../../workflows/domain/costCalculatorExamples';
import { apiRequest } from '../support/apiRequest';
import { SCREENSHOTS, browserSuiteSkip, dutchContext, expectAccessible, launchChromium } from '../support/browser';
import { readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeUnless } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { openFromMenu, tableRows } from '../support/menuPages';

const repo = join(__dirname, '../..');
const [missingService, skipReason] = browserSuiteSkip();

/**
 * The retention and cost pages in headless Chromium, over two years of simulated cohorts appended through the
 * system's own event path (the demo's generator): the figures the pages show are the API's, the charts are drawn,
 * the pages have no axe violations, and their screenshots are the README's.
 */
describeUnless(missingService, skipReason, 'the retention and cost pages in headless Chromium', () => {
  jest.setTimeout(240_000);
  const organisationId = `behoud-${randomUUID().slice(0, 8)}`;
  const today = new Date().toISOString().slice(0, 10);
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  const api = async (method: string, path: string, body?: unknown) =>
    readJson(await apiRequest(system.baseUrl, organisationId, method, path, body));

  beforeAll(async () => {
    execFileSync('bash', [join(repo, 'infra/web/build-if-stale.sh')], { stdio: 'inherit', timeout: 180_000 });
    system = await startSystem({ kafka: false });
    const { hires } = await writeDemoCohorts(system.store, organisationId, today);
    expect(
      (
        await apiRequest(system.baseUrl, organisationId, 'PUT', '/cost-settings', {
          version: 1,
          lines: JB_WEST.settings.lines,
        })
      ).status,
    ).toBe(200);
    // The projection follows the store a moment later.
    await waitFor(
      () => api('GET', '/analytics/retention?period=year'),
      (body) => body.groups.reduce((sum: number, group: { hires: number }) => sum + group.hires, 0) === hires,
      30_000,
    );
    browser = await launchChromium();
    page = await (await dutchContext(browser)).newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${system.baseUrl}/`);
    await page.locator('#dev-role').selectOption('hr-advisor');
    await page.locator('#dev-organisation').fill(organisationId);
    await page.locator('form[aria-labelledby="dev-heading"] button[type="submit"]').click();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('shows survival curves, the cohort × team heat map, exit themes and missed steps with the API’s figures', async () => {
    await openFromMenu(page, 'Behoud', 'Behoud per startcohort', true);
    await page.getByRole('img', { name: 'Overlevingscurve per startcohort' }).waitFor();
    await page.getByRole('img', { name: 'Behoud na 6 maanden: cohort × team' }).waitFor();
    await page.getByRole('img', { name: 'Gemiste stappen: vertrekkers naast blijvers' }).waitFor();
    // The survival chart's table holds the API's cohorts and counts.
    const { groups } = await api('GET', '/analytics/retention?period=quarter');
    const figure = page.locator('figure', { has: page.getByRole('img', { name: 'Overlevingscurve per startcohort' }) });
    await figure.getByText('Toon als tabel').click();
    const rows = (await tableRows(figure)).map((row) => row.slice(0, 4));
    expect(rows).toEqual(
      groups.map((group: any) => [group.cohort, String(group.hires), String(group.stillEmployed), String(group.left)]),
    );
    await figure.getByText('Toon als tabel').click();
    // The team signals are the API's, missed mentor check-ins among them (the demo logs meetings, some weeks ago).
    const signals = await api('GET', '/analytics/leading-indicators');
    const signalsTable = page.locator('section[aria-labelledby="team-signals"] table');
    await signalsTable.locator('tbody tr').first().waitFor();
    expect(await signalsTable.locator('thead th').last().textContent()).toBe(
      `Geen mentorgesprek in ${signals.checkInWithinDays} dagen`,
    );
    const signalRows = await tableRows(signalsTable, 'th, td');
    expect(signalRows.map((row) => row.at(-1))).toEqual(
      signals.teams.map((team: { missedCheckIns: number }) => String(team.missedCheckIns)),
    );
    expect(signals.teams.some((team: { missedCheckIns: number }) => team.missedCheckIns > 0)).toBe(true);
    await expectAccessible(page, 'retention');
    await page.screenshot({ path: join(SCREENSHOTS, 'retention.png'), fullPage: true });
  });

  it('shows the cost breakdown of the saved settings and what early leaving costs', async () => {
    await openFromMenu(page, 'Kosten van vertrek', 'Wat vertrek kost');
    await page.getByRole('img', { name: 'Kosten per nieuwe medewerker, per categorie' }).waitFor();
    // JB west's published total per hire (000, 4.3).
    await page.getByText('Totaal per nieuwe medewerker: € 54.189').waitFor();
    const cost = await api('GET', '/analytics/cost?targetRate=0.1');
    await page.getByLabel('Streefwaarde vroeg vertrek').fill('10');
    await page
      .getByRole('row', { name: /Besparing bij 10% vroeg vertrek/ })
      .getByText(
        new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
          cost.earlyLeaving.savingAtTargetEuros,
        ),
      )
      .waitFor();
    await expectAccessible(page, 'cost');
    await page.screenshot({ path: join(SCREENSHOTS, 'cost.png'), fullPage: true });
  });
});
