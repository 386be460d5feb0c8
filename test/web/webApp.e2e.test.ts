import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCREENSHOTS, expectAccessible, signInDev as signInAs, describeWebAppSuite } from '../support/browser';
import { waitFor } from '../support/waitFor';
import { daysFromToday } from '../support/daysFromToday';

const FIVE_DAYS_MS = 5 * 86_400_000;

describeWebAppSuite('the web app in headless Chromium, against the running system', { timeoutMs: 240_000 }, (suite) => {
  const organisationId = `web-${randomUUID().slice(0, 8)}`;
  const hireId = `h-web-${randomUUID().slice(0, 6)}`;
  const managerRef = 'm-web-1';
  // Ten days ahead: the manager's "read the CV" task (14 days before day one) is due at once, others are ahead.
  const startDate = daysFromToday(10);

  afterEach(async () => {
    // The page each test left, to look at when one fails.
    await suite.page?.screenshot({ path: join(tmpdir(), 'web-e2e-last.png'), fullPage: true });
  });

  const screenshot = (name: string) =>
    suite.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  const signInDev = (role: string, personRef?: string) =>
    signInAs(suite.page, suite.system.baseUrl, organisationId, role, personRef);

  async function fillRegistration(values: { hireId: string; role: string }): Promise<void> {
    await suite.page.getByLabel('Code van de medewerker').fill(values.hireId);
    await suite.page.getByLabel('Eerste werkdag').fill(startDate);
    await suite.page.getByLabel('Functie', { exact: true }).fill(values.role);
    await suite.page.getByLabel('Team').fill('Team Rivierenland');
    await suite.page.getByLabel('Locatie').fill('Tiel');
    await suite.page.locator('#register-newHireName').fill('Sanne de Vries');
    await suite.page.locator('#register-newHireEmail').fill('sanne@example.test');
    await suite.page.getByLabel('Persoonsreferentie van de leidinggevende').fill(managerRef);
    await suite.page.locator('#register-managerName').fill('Mohamed Yilmaz');
    await suite.page.locator('#register-managerEmail').fill('mohamed@example.test');
  }

  it('opens on / with the sign-in page, in Dutch, and signs an HR advisor in with the dev role picker', async () => {
    await suite.page.goto(`${suite.system.baseUrl}/`);
    expect(new URL(suite.page.url()).pathname).toBe('/app/');
    await suite.page.getByRole('heading', { level: 2, name: 'Ontwikkelmodus: kies een rol' }).waitFor();
    expect(await suite.page.title()).toBe('Aanmelden · Zachte Landing');
    expect(await suite.page.locator('html').getAttribute('lang')).toBe('nl');
    await expectAccessible(suite.page, 'sign-in');
    await screenshot('sign-in');

    await signInDev('hr-advisor');
    await suite.page.getByRole('heading', { level: 1, name: 'Nieuwe medewerkers' }).waitFor();
    expect(new URL(suite.page.url()).pathname).toBe('/app/hires');
    await suite.page.getByText('Geen nieuwe medewerkers die hierbij passen.').waitFor();
    await expectAccessible(suite.page, 'hires overview (empty)');
  });

  it('registers a hire through the form: a bad field is refused beside it, a double click registers once', async () => {
    await suite.page.getByRole('link', { name: 'Nieuwe medewerker', exact: true }).click();
    await suite.page.getByRole('heading', { level: 1, name: 'Nieuwe medewerker aanmelden' }).waitFor();
    // Focus moved to the new page's title after the navigation.
    expect(await suite.page.evaluate('document.activeElement?.tagName')).toBe('H1');
    expect(await suite.page.title()).toBe('Nieuwe medewerker aanmelden · Zachte Landing');
    await expectAccessible(suite.page, 'register hire');

    await fillRegistration({ hireId: 'h 1 ongeldig', role: 'Jeugdzorgwerker' });
    await suite.page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    const hireIdError = suite.page.locator('#register-hireId-error');
    await hireIdError.waitFor();
    expect(await hireIdError.textContent()).toContain('alleen letters, cijfers');
    expect(await suite.page.getByLabel('Code van de medewerker').getAttribute('aria-describedby')).toContain(
      'register-hireId-error',
    );
    expect(await suite.page.getByLabel('Team').inputValue()).toBe('Team Rivierenland'); // what was typed stays
    await expectAccessible(suite.page, 'register hire (refused field)');

    const registrations: string[] = [];
    suite.page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/hires')
        registrations.push(request.headers()['idempotency-key'] ?? '');
    });
    await suite.page.getByLabel('Code van de medewerker').fill(hireId);
    await suite.page.getByRole('button', { name: 'Aanmelden', exact: true }).dblclick();
    await suite.page.getByRole('heading', { level: 1, name: `Traject van ${hireId}` }).waitFor();
    expect(registrations).toHaveLength(1);
    expect(registrations[0]).toMatch(/^web-[0-9a-f]{32}$/);
  });

  it("shows the hire's journey as a timeline, with its mentor status and learning line", async () => {
    const timeline = suite.page.getByTestId('timeline');
    await timeline.getByText('Lees het cv en vraag de sollicitatiecommissie wat opviel').waitFor();
    expect(await suite.page.getByTestId('hire-stage').textContent()).toBe('Voor de eerste dag');
    expect(await suite.page.getByTestId('hire-start-date').textContent()).toBe(startDate);
    const states = () =>
      timeline.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));
    // Due dates never lie before the day of registering: the CV task (14 days before day one) is due today.
    expect(await states()).toEqual(expect.arrayContaining(['due', 'ahead']));
    expect(await states()).not.toContain('overdue');
    expect(
      await timeline.locator('[data-item-id="task:read-cv-and-ask-interviewers"]').getAttribute('data-state'),
    ).toBe('due');
    // Five days on (the browser's clock), the CV task is overdue.
    await suite.page.clock.setFixedTime(new Date(Date.now() + FIVE_DAYS_MS));
    await suite.page.reload();
    await timeline.locator('[data-item-id="task:read-cv-and-ask-interviewers"][data-state="overdue"]').waitFor();
    expect((await states()).length).toBeGreaterThan(5);
    await suite.page.getByRole('heading', { level: 2, name: 'Mentor' }).waitFor();
    await suite.page.getByRole('heading', { level: 2, name: 'Leerlijn' }).waitFor();
    await expectAccessible(suite.page, 'hire journey');
    await screenshot('hire-journey');

    // In English the template's English titles show (the API sends both); back in Dutch, the Dutch ones.
    await suite.page.getByRole('button', { name: 'Read in English' }).click();
    await timeline.getByText('Read the CV and ask the interview panel what stood out').waitFor();
    await suite.page.getByRole('heading', { level: 2, name: 'Learning line' }).waitFor();
    expect(await timeline.getByText('Lees het cv en vraag de sollicitatiecommissie wat opviel').count()).toBe(0);
    await suite.page.getByRole('button', { name: 'Lees in het Nederlands' }).click();
    await timeline.getByText('Lees het cv en vraag de sollicitatiecommissie wat opviel').waitFor();
  });

  it('lists the hire in the overview with the count of its stage', async () => {
    await suite.page.getByRole('link', { name: 'Overzicht', exact: true }).click();
    // The list is a projection: the page refreshes until the new hire shows.
    const row = suite.page.getByRole('link', { name: hireId });
    await row.waitFor({ timeout: 30_000 });
    expect(await suite.page.locator('[data-stage="preboarding"] .sl-stage-count').textContent()).toBe('1');
    expect(await suite.page.locator('[data-stage="onboarding"] .sl-stage-count').textContent()).toBe('0');
    expect(await suite.page.locator('[data-stage]').count()).toBe(6);
    // The API searches (the start of the code or the role, any case) and filters; the page only asks.
    const empty = suite.page.getByText('Geen nieuwe medewerkers die hierbij passen.');
    await suite.page.getByLabel('Zoeken').fill('niemand-zo');
    await empty.waitFor();
    await suite.page.getByLabel('Zoeken').fill(hireId.slice(0, 9).toUpperCase());
    await row.waitFor();
    await suite.page.getByLabel('Zoeken').fill('niemand-zo');
    await empty.waitFor();
    await suite.page.getByLabel('Zoeken').fill('jeugdzorgw');
    await row.waitFor();
    await suite.page.getByLabel('Zoeken').fill('');
    // A month the API refuses is said beside the field, in Dutch; a month of the start date finds the hire.
    await suite.page.getByLabel('Startmaand').fill('2027-13');
    await suite.page.locator('#filter-month-error').waitFor();
    expect(await suite.page.getByLabel('Startmaand').getAttribute('aria-invalid')).toBe('true');
    await suite.page.getByLabel('Startmaand').fill(startDate.slice(0, 7));
    await row.waitFor();
    expect(await suite.page.locator('#filter-month-error').count()).toBe(0);
    await suite.page.getByLabel('Startmaand').fill('');
    await suite.page.getByLabel('Fase', { exact: true }).selectOption('preboarding');
    await row.waitFor();
    await suite.page.getByLabel('Fase', { exact: true }).selectOption('');
    await expectAccessible(suite.page, 'hires overview');
    // docs/screenshots/hires-overview.png comes from test/web/hireLifecycle.e2e.test.ts, with hires in every stage.
  });

  it('shows a 409 for the same hire id with other data in Dutch, then in English after switching, keeping what was typed', async () => {
    await suite.page.getByRole('link', { name: 'Nieuwe medewerker', exact: true }).click();
    await fillRegistration({ hireId, role: 'Gedragswetenschapper' });
    await suite.page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    const alert = suite.page.locator('[data-problem-type="/problems/hire-exists"]');
    await alert.getByText('Medewerker bestaat al').waitFor();
    await alert.getByText(`Voor nieuwe medewerker "${hireId}" loopt al een traject met andere gegevens`).waitFor();
    expect(await suite.page.getByLabel('Functie', { exact: true }).inputValue()).toBe('Gedragswetenschapper');
    await expectAccessible(suite.page, 'register hire (409)');
    await screenshot('register-hire');

    await suite.page.getByRole('button', { name: 'Read in English' }).click();
    await suite.page.getByRole('heading', { level: 1, name: 'Register a new hire' }).waitFor();
    expect(await suite.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await suite.page.getByLabel('Role', { exact: true }).inputValue()).toBe('Gedragswetenschapper');
    await suite.page.getByRole('button', { name: 'Register', exact: true }).click();
    await alert.getByText('Hire already exists').waitFor();
    await alert.getByText(`A journey for hire "${hireId}" already exists with different data`).waitFor();

    // The choice is remembered across a reload; then back to Dutch.
    await suite.page.reload();
    await suite.page.getByRole('heading', { level: 1, name: 'Register a new hire' }).waitFor();
    await suite.page.getByRole('button', { name: 'Lees in het Nederlands' }).click();
    await suite.page.getByRole('heading', { level: 1, name: 'Nieuwe medewerker aanmelden' }).waitFor();
  });

  it("lets the task's owner complete it in the inbox with the keyboard only, and the journey records it", async () => {
    await suite.page.getByRole('button', { name: 'Afmelden' }).click();
    await signInDev('manager', managerRef);
    await suite.page.getByRole('heading', { level: 1, name: 'Mijn taken' }).waitFor();
    const title = 'Lees het cv en vraag de sollicitatiecommissie wat opviel';
    const buttonName = `Afronden: ${title} (${hireId})`;
    const button = suite.page.getByRole('button', { name: buttonName });
    await button.waitFor({ timeout: 30_000 });
    // The browser's clock stands five days on (set above): the task is overdue and says so.
    expect(
      await suite.page
        .locator(`[data-task="${hireId}/${await taskItemId(title)}"]`)
        .getByText('Te laat')
        .count(),
    ).toBe(1);
    await expectAccessible(suite.page, 'tasks inbox');
    await screenshot('tasks-inbox');

    // Keyboard only: Tab from the top of the page to the task's button, then Enter.
    await suite.page.locator('body').focus();
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses++) {
      await suite.page.keyboard.press('Tab');
      reached = (await suite.page.evaluate("document.activeElement?.getAttribute('aria-label')")) === buttonName;
    }
    expect(reached).toBe(true);
    await suite.page.keyboard.press('Enter');
    await suite.page.getByRole('status').getByText(`Afgerond: ${title}`).waitFor();
    await expectAccessible(suite.page, 'tasks inbox (after completing)');

    const itemId = await taskItemId(title);
    const item = await waitFor(
      async () => (await hireAsHr()).items?.find((candidate) => candidate.id === itemId),
      (found) => found?.status === 'done',
    );
    expect(item).toMatchObject({ status: 'done', completedBy: expect.stringContaining(managerRef) });
  });

  async function hireAsHr(): Promise<{
    items?: { id: string; title: string; status: string; completedBy?: string }[];
  }> {
    const res = await fetch(`${suite.system.baseUrl}/hires/${hireId}`, {
      headers: { 'X-Organisation-Id': organisationId, 'X-Role': 'hr-advisor' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { items?: { id: string; title: string; status: string; completedBy?: string }[] };
  }

  async function taskItemId(title: string): Promise<string> {
    const item = (await hireAsHr()).items?.find((candidate) => candidate.title === title);
    if (!item) throw new Error(`no item "${title}" in the journey`);
    return item.id;
  }
});
