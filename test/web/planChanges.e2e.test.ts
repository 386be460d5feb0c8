import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { requestsAs } from '../support/apiRequest';
import { registerHire } from '../support/hireRegistrations';
import { SCREENSHOTS, expectAccessible, signInDev, describeWebAppSuite, readInEnglish } from '../support/browser';
import type { Locator } from 'playwright-core';
import { readJson } from '../support/httpAnswers';
import { waitFor } from '../support/waitFor';

/**
 * An HR advisor changes one hire's plan on the hire's page, without leaving the product: a refused move is told
 * beside the date in Dutch and keeps what was typed, an accepted one moves the item on the timeline, and a task of
 * their own appears on it with its owner; every change is an event with the advisor as actor.
 */
describeWebAppSuite('changing one hire’s plan in headless Chromium', { timeoutMs: 240_000 }, (suite) => {
  const organisationId = `web-plan-${randomUUID().slice(0, 8)}`;
  const hireId = `h-plan-${randomUUID().slice(0, 6)}`;
  const today = isoDateOfEpochMs(Date.now());
  const startDate = addDays(today, 21);

  const asHr = requestsAs(() => suite.system.baseUrl, organisationId, 'hr-advisor');
  const events = async (type: string) =>
    ((await readJson(await asHr('GET', `/hires/${hireId}/history?limit=500`))).events as any[]).filter(
      (event) => event.type === type,
    );

  /**
   * Saves the move typed into an item's plan change and waits for what follows: the page's announcement that `title`
   * moved, the item at its new date on the timeline, and its PlanItemMoved event in the history, which it gives.
   */
  const saveMove = async (change: Locator, item: { id: string; title: string }, movedTo: string) => {
    await change.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await suite.page
      .getByTestId('journey-announcement')
      .getByText(`"${item.title}" is verplaatst.`)
      .waitFor({ timeout: 60_000 });
    await suite.page.locator(`[data-item-id="${item.id}"] time[datetime="${movedTo}"]`).waitFor();
    const moved = await waitFor(
      () => events('PlanItemMoved'),
      (found) => found.some((event) => event.data.itemId === item.id),
      30_000,
    );
    return moved.find((event) => event.data.itemId === item.id);
  };

  beforeAll(async () => {
    await registerHire(asHr, {
      hireId,
      startDate,
      role: 'Jeugdzorgwerker',
      team: 'Team Tiel',
      location: 'Tiel',
      managerRef: 'm-lead',
    });
    await waitFor(
      async () => (await readJson(await asHr('GET', `/hires/${hireId}`))).items,
      (items) => Array.isArray(items),
      30_000,
    );
  });
  afterEach(async () => {
    await suite.page?.screenshot({ path: join(tmpdir(), 'web-plan-e2e-last.png'), fullPage: true });
  });

  it('adds a task, refuses a move beside the date and moves the item, each recorded', async () => {
    await signInDev(suite.page, suite.system.baseUrl, organisationId, 'hr-advisor', 'hr-anne');
    await suite.page.getByRole('heading', { level: 1, name: 'Nieuwe medewerkers' }).waitFor();
    await suite.page.goto(`${suite.system.baseUrl}/app/hires/${hireId}`);
    await suite.page.getByRole('heading', { level: 1, name: `Traject van ${hireId}` }).waitFor();
    await suite.page.getByTestId('timeline').waitFor();

    // A task of HR's own, for facilities.
    const form = suite.page.locator('#add-task');
    const taskDue = addDays(today, 7);
    await form.getByLabel('Wat moet er gebeuren?').fill('Parkeervergunning aanvragen');
    await form.getByLabel('Eigenaar').selectOption('facilities');
    await form.getByLabel('Deadline').fill(taskDue);
    await form.getByLabel('Reden').fill('Komt met de auto');
    await form.getByRole('button', { name: 'Taak toevoegen' }).click();
    await suite.page
      .getByTestId('journey-announcement')
      .getByText('De taak "Parkeervergunning aanvragen" is toegevoegd.')
      .waitFor({ timeout: 60_000 });
    const added = suite.page.locator('[data-item-id^="adhoc:hr-"]');
    await added.getByText('Parkeervergunning aanvragen').waitFor();
    expect(await added.textContent()).toContain('Facilitair');

    // Only what the journey allows is offered: nothing for the programme's end, no dropping of the VOG (the law).
    expect(await suite.page.locator('[data-plan-change="programme-end"]').count()).toBe(0);
    const vog = suite.page.locator('[data-plan-change="task:vog-on-file"]');
    await vog.locator('summary').click();
    expect(await vog.getByLabel('Wat wil je wijzigen?').locator('option').allTextContents()).toEqual([
      'Verplaatsen naar een andere datum',
      'Een andere eigenaar geven',
    ]);
    await vog.locator('summary').click();

    // A pre-boarding task cannot move to day one: told beside the date, in Dutch, with what was typed kept.
    const change = suite.page.locator('[data-plan-change="task:accounts-ready"]');
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
    await expectAccessible(suite.page, 'hire page (plan change refused, task added)');
    await suite.page.screenshot({ path: join(SCREENSHOTS, 'hire-plan-changes.png'), fullPage: true });

    // A day before day one is fine: the item moves on the timeline.
    const movedTo = addDays(startDate, -10);
    await change.getByLabel('Nieuwe datum').fill(movedTo);
    const moved = await saveMove(
      change,
      { id: 'task:accounts-ready', title: 'Accounts en systemen klaarzetten' },
      movedTo,
    );
    expect(moved).toMatchObject({ actor: 'person:hr-anne', data: { itemId: 'task:accounts-ready', to: movedTo } });
    // One move in all: the refused one before it left no event.
    expect(await events('PlanItemMoved')).toHaveLength(1);
    expect(await events('AdhocTaskAdded')).toHaveLength(1);
    await expectAccessible(suite.page, 'hire page (item moved)');
  });

  it('moves a task HR added on the page, with the same controls as a planned item', async () => {
    const taskId = (await events('AdhocTaskAdded'))[0].data.itemId as string;
    const own = suite.page.locator(`[data-plan-change="${taskId}"]`);
    await own.locator('summary').click();
    expect(await own.getByLabel('Wat wil je wijzigen?').locator('option').allTextContents()).toEqual([
      'Verplaatsen naar een andere datum',
      'Laten vervallen voor deze medewerker',
      'Een andere eigenaar geven',
    ]);
    const movedTo = addDays(today, 12);
    await own.getByLabel('Nieuwe datum').fill(movedTo);
    await own.getByLabel('Reden').fill('Vergunningloket is dicht');
    expect(await saveMove(own, { id: taskId, title: 'Parkeervergunning aanvragen' }, movedTo)).toMatchObject({
      actor: 'person:hr-anne',
      data: { to: movedTo },
    });
    await own.locator('summary').click();
    await own.locator('summary').click();
    await expectAccessible(suite.page, 'hire page (HR task moved)');
    await suite.page.screenshot({ path: join(SCREENSHOTS, 'hire-plan-change-hr-task.png'), fullPage: true });
  });

  it('offers the same in English', async () => {
    await readInEnglish(suite.page);
    await suite.page.locator('#add-task').getByRole('heading', { name: 'Add a task' }).waitFor();
    await suite.page.locator('[data-plan-change="welcome-mail"] summary').getByText('Change').waitFor();
    await expectAccessible(suite.page, 'hire page in English (plan changes)');
  });
});
