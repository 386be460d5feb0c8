import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { teamNudgeStreamName } from '../../services/analytics/teamNudgeCheck';
import { deterministicEventId } from '../../services/event-store/deterministicEventId';
import { apiRequest } from '../support/apiRequest';
import { SCREENSHOTS, expectAccessible, signInDev, describeWebAppSuite, readInEnglish } from '../support/browser';
import { readJson } from '../support/httpAnswers';
import { openFromMenu, tableRows } from '../support/menuPages';

/**
 * The team-nudges page in headless Chromium: nudges recorded in the organisation's nudge stream (as the scheduled
 * check records them) are listed per team as the API lists them, naming no person; HR saves the organisation's own
 * thresholds through the form; no axe violations, in Dutch and in English.
 */
describeWebAppSuite('the team nudges page in headless Chromium', { timeoutMs: 240_000 }, (suite) => {
  const organisationId = `signalen-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const stream = teamNudgeStreamName(organisationId);
    const nudge = (type: string, data: Record<string, unknown>) => ({
      id: deterministicEventId(stream, `${type}:${JSON.stringify(data)}`),
      type,
      data: { organisationId, ...data },
      metadata: { organisationId, actor: 'system:team-nudges' },
    });
    await suite.system.store.appendToStream(
      stream,
      [
        nudge('TeamNudgeSent', {
          team: 'Team Oost',
          indicator: 'withoutMentor',
          crossing: 1,
          count: 3,
          threshold: 2,
          checkedOn: '2026-03-16',
          managerRefs: ['m-oost'],
        }),
        nudge('TeamNudgeSent', {
          team: 'Team West',
          indicator: 'overdue',
          crossing: 1,
          count: 4,
          threshold: 3,
          checkedOn: '2026-03-20',
          managerRefs: ['m-west'],
        }),
        nudge('TeamNudgeCleared', {
          team: 'Team Oost',
          indicator: 'withoutMentor',
          crossing: 1,
          count: 1,
          checkedOn: '2026-04-02',
        }),
      ],
      { expectedRevision: 'no_stream' },
    );
    await signInDev(suite.page, suite.system.baseUrl, organisationId, 'hr-advisor');
  });

  it('lists the nudges per team as the API gives them, and saves the organisation’s thresholds', async () => {
    const { page, system } = suite;
    await openFromMenu(page, 'Teamsignalen', 'Teamsignalen');
    const table = page.getByTestId('team-nudges');
    await table.waitFor();
    const { nudges } = await readJson(
      await apiRequest(system.baseUrl, organisationId, 'GET', '/analytics/team-nudges'),
    );
    const rows = await tableRows(table);
    const indicator = { withoutMentor: 'Geen mentor', overdue: 'Verlopen taak of mijlpaal' } as const;
    expect(rows).toEqual(
      nudges.map((n: any) => [
        n.checkedOn,
        n.team,
        indicator[n.indicator as keyof typeof indicator],
        n.kind === 'sent' ? 'Verstuurd' : 'Opgeheven',
        String(n.count),
        n.threshold === undefined ? '–' : String(n.threshold),
      ]),
    );
    expect(rows.map((row) => row[1])).toEqual(['Team Oost', 'Team West', 'Team Oost']);
    expect(await table.textContent()).not.toMatch(/m-oost|m-west/);

    // Never saved: the form shows the defaults; HR saves its own.
    await page.getByText('Nog niet ingesteld: de standaarddrempels gelden.').waitFor();
    const withoutMentor = page.getByLabel('Zonder mentor: vanaf hoeveel nieuwe collega’s');
    expect(await withoutMentor.inputValue()).toBe('2');
    await withoutMentor.fill('4');
    await page.getByRole('button', { name: 'Drempels opslaan' }).click();
    await page
      .getByRole('status')
      .getByText('Drempels opgeslagen (versie 1). De volgende controle gebruikt ze.')
      .waitFor();
    expect(
      await readJson(await apiRequest(system.baseUrl, organisationId, 'GET', '/team-nudge-thresholds')),
    ).toMatchObject({ version: 1, withoutMentor: 4, overdue: 3, noMentorAfterDays: 14 });
    await page.getByText('Versie 1', { exact: true }).waitFor();

    // What the API refuses is shown at the field, in Dutch.
    await withoutMentor.fill('veel');
    await page.getByRole('button', { name: 'Drempels opslaan' }).click();
    await page.locator('#nudge-thresholds-withoutMentor-error').waitFor();
    await expectAccessible(page, 'team nudges');
    await withoutMentor.fill('4');
    await page.getByRole('button', { name: 'Drempels opslaan' }).click();
    await page.getByRole('status').getByText('Drempels opgeslagen (versie 2)', { exact: false }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'team-nudges.png'), fullPage: true });
  });

  it('switches to English with the same nudges', async () => {
    const { page } = suite;
    await readInEnglish(page);
    await page.getByRole('heading', { level: 1, name: 'Team nudges' }).waitFor();
    await page.getByRole('columnheader', { name: 'New colleagues' }).waitFor();
    await page.getByRole('cell', { name: 'Cleared' }).waitFor();
    await expectAccessible(page, 'team nudges (en)');
  });
});
