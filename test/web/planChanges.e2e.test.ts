import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { apiRequest } from '../support/apiRequest';
import {
  SCREENSHOTS,
  browserSuiteSkip,
  expectAccessible,
  signInDev,
  startWebAppSuite,
  stopWebAppSuite,
} from '../support/browser';
import { readJson } from '../support/httpAnswers';
import type { RunningSystem } from '../support/runningSystem';
import { describeUnless } from '../support/serviceAvailability';
import type { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';

const [missingService, skipReason] = browserSuiteSkip();

/**
 * An HR advisor changes one hire's plan on the hire's page, without leaving the product: a refused move is told
 * beside the date in Dutch and keeps what was typed, an accepted one moves the item on the timeline, and a task of
 * their own appears on it with its owner; every change is an event with the advisor as actor.
 */
describeUnless(missingService, skipReason, 'changing one hire’s plan in headless Chromium', () => {
  jest.setTimeout(240_000);
  const organisationId = `web-plan-${randomUUID().slice(0, 8)}`;
  const hireId = `h-plan-${randomUUID().slice(0, 6)}`;
  const today = isoDateOfEpochMs(Date.now());
  const startDate = addDays(today, 21);
  let system: RunningSystem;
  let smtp: SmtpSink;
  let browser: Browser;
  let page: Page;

  const asHr = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, { 'x-role': 'hr-advisor', ...headers });
  const events = async (type: string) =>
    ((await readJson(await asHr('GET', `/hires/${hireId}/history?limit=500`))).events as any[]).filter(
      (event) => event.type === type,
    );

  beforeAll(async () => {
    ({ system, smtp, browser, page } = await startWebAppSuite());
    const registered = await asHr(
      'POST',
      '/hires',
      { hireId, startDate, role: 'Jeugdzorgwerker', team: 'Team Tiel', location: 'Tiel', managerRef: 'm-lead' },
      { 'idempotency-key': randomUUID() },
    );
    expect(registered.status).toBe(201);
    await waitFor(
      async () => (await readJson(await asHr('GET', `/hires/${hireId}`))).items,
      (items) => Array.isArray(items),
      30_000,
    );
  });
  afterAll(() => stopWebAppSuite({ browser, system, smtp }));
  afterEach(async () => {
    await page?.screenshot({ path: join(tmpdir(), 'web-plan-e2e-last.png'), fullPage: true });
  });

  it('adds a task, refuses a move beside the date and moves the item, each recorded', async () => {
    await signInDev(page, system.baseUrl, organisationId, 'hr-advisor', 'hr-anne');
    await page.getByRole('heading', { level: 1, name: 'Nieuwe medewerkers' }).waitFor();
    await page.goto(`${system.baseUrl}/app/hires/${hireId}`);
    await page.getByRole('heading', { level: 1, name: `Traject van ${hireId}` }).waitFor();
    await page.getByTestId('timeline').waitFor();

    // A task of HR's own, for facilities.
    const form = page.locator('#add-task');
    const taskDue = addDays(today, 7);
    await form.getByLabel('Wat moet er gebeuren?').fill('Parkeervergunning aanvragen');
    await form.getByLabel('Eigenaar').selectOption('facilities');
    await form.getByLabel('Deadline').fill(taskDue);
    await form.getByLabel('Reden').fill('Komt met de auto');
    await form.getByRole('button', { name: 'Taak toevoegen' }).click();
    await page
      .getByTestId('journey-announcement')
      .getByText('De taak "Parkeervergunning aanvragen" is toegevoegd.')
      .waitFor({ timeout: 60_000 });
    const added = page.locator('[data-item-id^="adhoc:hr-"]');
    await added.getByText('Parkeervergunning aanvragen').waitFor();
    expect(await added.textContent()).toContain('Facilitair');

    // Only what the journey allows is offered: nothing for the programme's end, no dropping of the VOG (the law).
    expect(await page.locator('[data-plan-change="programme-end"]').count()).toBe(0);
    const vog = page.locator('[data-plan-change="task:vog-on-file"]');
    await vog.locator('summary').click();
    expect(await vog.getByLabel('Wat wil je wijzigen?').locator('option').allTextContents()).toEqual([
      'Verplaatsen naar een andere datum',
      'Een andere eigenaar geven',
    ]);
    await vog.locator('summary').click();

    // A pre-boarding task cannot move to day one: told beside the date, in Dutch, with what was typed kept.
    const change = page.locator('[data-plan-change="task:accounts-ready"]');
    await change.locator('summary').click();
    await change.getByLabel('Nieuwe datum').fill(startDate);
    await change.getByLabel('Reden').fill('IT is die week op cursus');
    await change.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await change
      .getByText(`Een onderdeel van de voorbereiding valt vóór de eerste werkdag (${startDate}).`)
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await change.getByLabel('Nieuwe datum').inputValue()).toBe(startDate);
    expect(await change.getByLabel('Nieuwe datum').getAttribute('aria-invalid')).toBe('true');
    expect(await events('PlanItemMoved')).toEqual([]);
    await expectAccessible(page, 'hire page (plan change refused, task added)');
    await page.screenshot({ path: join(SCREENSHOTS, 'hire-plan-changes.png'), fullPage: true });

    // A day before day one is fine: the item moves on the timeline.
    const movedTo = addDays(startDate, -10);
    await change.getByLabel('Nieuwe datum').fill(movedTo);
    await change.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page
      .getByTestId('journey-announcement')
      .getByText('"Accounts en systemen klaarzetten" is verplaatst.')
      .waitFor({ timeout: 60_000 });
    await page.locator(`[data-item-id="task:accounts-ready"] time[datetime="${movedTo}"]`).waitFor();

    const moved = await waitFor(
      () => events('PlanItemMoved'),
      (found) => found.length === 1,
      30_000,
    );
    expect(moved[0]).toMatchObject({ actor: 'person:hr-anne', data: { itemId: 'task:accounts-ready', to: movedTo } });
    expect(await events('AdhocTaskAdded')).toHaveLength(1);
    await expectAccessible(page, 'hire page (item moved)');
  });

  it('moves a task HR added on the page, with the same controls as a planned item', async () => {
    const taskId = (await events('AdhocTaskAdded'))[0].data.itemId as string;
    const own = page.locator(`[data-plan-change="${taskId}"]`);
    await own.locator('summary').click();
    expect(await own.getByLabel('Wat wil je wijzigen?').locator('option').allTextContents()).toEqual([
      'Verplaatsen naar een andere datum',
      'Laten vervallen voor deze medewerker',
      'Een andere eigenaar geven',
    ]);
    const movedTo = addDays(today, 12);
    await own.getByLabel('Nieuwe datum').fill(movedTo);
    await own.getByLabel('Reden').fill('Vergunningloket is dicht');
    await own.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page
      .getByTestId('journey-announcement')
      .getByText('"Parkeervergunning aanvragen" is verplaatst.')
      .waitFor({ timeout: 60_000 });
    await page.locator(`[data-item-id="${taskId}"] time[datetime="${movedTo}"]`).waitFor();
    const moved = await waitFor(
      () => events('PlanItemMoved'),
      (found) => found.some((event) => event.data.itemId === taskId),
      30_000,
    );
    expect(moved.find((event) => event.data.itemId === taskId)).toMatchObject({
      actor: 'person:hr-anne',
      data: { to: movedTo },
    });
    await own.locator('summary').click();
    await own.locator('summary').click();
    await expectAccessible(page, 'hire page (HR task moved)');
    await page.screenshot({ path: join(SCREENSHOTS, 'hire-plan-change-hr-task.png'), fullPage: true });
  });

  it('offers the same in English', async () => {
    await page
      .getByRole('button', { name: 'Read in English' })
      .or(page.getByRole('link', { name: 'Read in English' }))
      .click();
    await page.locator('#add-task').getByRole('heading', { name: 'Add a task' }).waitFor();
    await page.locator('[data-plan-change="welcome-mail"] summary').getByText('Change').waitFor();
    await expectAccessible(page, 'hire page in English (plan changes)');
  });
});
