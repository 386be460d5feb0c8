import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestsAs } from '../support/apiRequest';
import { SCREENSHOTS, expectAccessible, signInDev, describeWebAppSuite } from '../support/browser';
import { readJson } from '../support/httpAnswers';
import { waitFor } from '../support/waitFor';
import { daysFromToday } from '../support/daysFromToday';

/**
 * How journeys end, in the browser: an HR advisor withdraws a candidate, registers a leaver and records the exit
 * interview, each form once however often it is clicked, with the API's refusals beside the field in Dutch; a
 * recruiter sees progress only; the overview's funnel and lists follow the journeys without a reload; a mentor
 * sees their mentees and offers themselves for the pool.
 */
describeWebAppSuite(
  'ending journeys, the funnel, live lists and the mentor page in headless Chromium',
  { timeoutMs: 240_000 },
  (suite) => {
    const organisationId = `web-end-${randomUUID().slice(0, 8)}`;
    const suffix = randomUUID().slice(0, 6);
    const candidate = `h-withdraw-${suffix}`;
    const leaver = `h-leaver-${suffix}`;
    const alsoLeaving = `h-leaving-${suffix}`;
    const mentee = `h-mentee-${suffix}`;
    const mentorRef = `m-mentor-${suffix}`;

    beforeAll(async () => {
      // The mentor is in the pool before the hire of their team comes: the journey asks them, and they accept.
      // Their 8 hours leave 3 after the mentee's 5, too few for any other hire of this suite: the one mentor of
      // this organisation is nobody else's candidate, so no pending request can hold a place of theirs
      // (mentor-capacity-reservation-v1) and their load on the mentor page is exactly their mentee.
      expect(
        (
          await asHr('PUT', `/mentors/${mentorRef}`, {
            team: 'Team Tiel',
            location: 'Tiel',
            experienceYears: 8,
            hoursPerWeekAvailable: 8,
            maxMentees: 2,
            active: true,
          })
        ).status,
      ).toBe(200);
      await register(mentee, daysFromToday(12), 'Team Tiel', 'Tiel');
      await waitFor(
        async () => (await hire(mentee)).mentor,
        (mentor) => mentor?.status === 'asked' && mentor.asked.at(-1) === mentorRef,
        30_000,
      );
      expect(await commandAsHr(`/hires/${mentee}/mentor-answer`, { mentorRef, accept: true })).toBe(200);
      await register(candidate, daysFromToday(20), 'Team Culemborg', 'Culemborg');
      await register(leaver, daysFromToday(-40), 'Team Geldermalsen', 'Geldermalsen');
      await register(alsoLeaving, daysFromToday(-60), 'Team Geldermalsen', 'Geldermalsen');
      for (const [offset, team] of [
        [30, 'Team Culemborg'],
        [45, 'Team Culemborg'],
        [-10, 'Team Buren'],
        [-20, 'Team Buren'],
      ] as const) {
        await register(
          `h-more-${offset < 0 ? 'm' : 'p'}${Math.abs(offset)}-${suffix}`,
          daysFromToday(offset),
          team,
          team.replace('Team ', ''),
        );
      }
      await waitFor(
        async () => (await hire(alsoLeaving)).items,
        (items) => Array.isArray(items),
        20_000,
      );
      expect(await commandAsHr(`/hires/${alsoLeaving}/termination`, { lastWorkingDay: daysFromToday(30) })).toBe(200);
    });

    afterEach(async () => {
      await suite.page?.screenshot({ path: join(tmpdir(), 'web-end-e2e-last.png'), fullPage: true });
    });

    const screenshot = (name: string) =>
      suite.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

    // ---- the API, as HR (dev mode) ----

    const asHr = requestsAs(() => suite.system.baseUrl, organisationId, 'hr-advisor');

    /** A command with one Idempotency-Key, retried on 503 as the contract allows (a busy shared Temporal). */
    async function commandAsHr(path: string, body: unknown): Promise<number> {
      const key = randomUUID();
      return waitFor(
        async () => (await asHr('POST', path, body, { 'idempotency-key': key })).status,
        (status) => status !== 503,
        60_000,
      );
    }

    async function register(hireId: string, startDate: string, team: string, location: string): Promise<void> {
      const response = await asHr('POST', '/hires', {
        hireId,
        startDate,
        role: 'Jeugdzorgwerker',
        team,
        location,
        managerRef: `m-lead-${suffix}`,
      });
      expect(response.status).toBe(201);
    }

    async function hire(hireId: string): Promise<{
      stage: string;
      outcome?: string;
      mentor?: { status: string; asked: string[] };
      items?: { id: string }[];
    }> {
      return readJson(await asHr('GET', `/hires/${hireId}`));
    }

    /** The hire's recorded events of one type, from the event store (GET /hires/{id}/history). */
    async function eventsOf(hireId: string, type: string): Promise<unknown[]> {
      const history = await readJson(await asHr('GET', `/hires/${hireId}/history?limit=1000`));
      return (history.events as { type: string }[]).filter((event) => event.type === type);
    }

    /** Every request of one method to one path the page sends from now on. */
    function countRequests(method: string, path: string): { readonly keys: string[] } {
      const keys: string[] = [];
      suite.page.on('request', (request) => {
        if (request.method() === method && new URL(request.url()).pathname === path)
          keys.push(request.headers()['idempotency-key'] ?? '');
      });
      return { keys };
    }

    /** The mentor page's load lines, exactly: waits for the first, then reads them all. */
    async function expectLoad(lines: string[]): Promise<void> {
      await suite.page.getByTestId('mentor-load').getByText(lines[0]!, { exact: true }).waitFor();
      expect(await suite.page.getByTestId('mentor-load').allTextContents()).toEqual(lines);
    }

    async function openHire(hireId: string): Promise<void> {
      await suite.page.goto(`${suite.system.baseUrl}/app/hires/${hireId}`);
      await suite.page.getByRole('heading', { level: 1, name: `Traject van ${hireId}` }).waitFor();
      await suite.page.getByTestId('timeline').waitFor();
    }

    // ---- the tests ----

    it('withdraws a candidate before day one once, however often the button is clicked', async () => {
      await signInDev(suite.page, suite.system.baseUrl, organisationId, 'hr-advisor');
      await suite.page.getByRole('heading', { level: 1, name: 'Nieuwe medewerkers' }).waitFor();
      await openHire(candidate);
      // Before day one: no termination, no exit interview; the withdrawal and the start date are on offer.
      expect(await suite.page.getByRole('heading', { name: 'Uitdiensttreding melden' }).count()).toBe(0);
      expect(await suite.page.getByRole('heading', { name: 'Exitgesprek vastleggen' }).count()).toBe(0);
      await expectAccessible(suite.page, 'hire page (before day one, with the withdrawal form)');

      // The start date moves once before day one; the facts follow without a reload.
      const later = daysFromToday(27);
      const moves = countRequests('PUT', `/hires/${candidate}/start-date`);
      await suite.page.getByLabel('Nieuwe startdatum').fill(later);
      await suite.page.getByRole('button', { name: 'Startdatum wijzigen' }).dblclick();
      await suite.page
        .getByRole('status')
        .getByText(`De startdatum is nu ${later}; de planning is bijgewerkt.`)
        .waitFor({ timeout: 60_000 });
      await suite.page.getByTestId('hire-start-date').getByText(later).waitFor();
      expect(moves.keys).toHaveLength(1);
      expect(await eventsOf(candidate, 'StartDateChanged')).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ to: later }) }),
      ]);

      const withdrawals = countRequests('POST', `/hires/${candidate}/withdrawal`);
      await suite.page.locator('#withdraw-reason').fill('Kiest voor een baan dichter bij huis');
      await suite.page.getByRole('button', { name: 'Terugtrekking vastleggen' }).dblclick();
      await suite.page.getByRole('status').getByText('De terugtrekking is vastgelegd').waitFor({ timeout: 60_000 });
      await suite.page.getByTestId('hire-outcome').getByText('Teruggetrokken').waitFor();
      expect(withdrawals.keys).toHaveLength(1);
      expect(withdrawals.keys[0]).toMatch(/^web-[0-9a-f]{32}$/);
      expect(await eventsOf(candidate, 'CandidateWithdrawn')).toHaveLength(1);
      expect((await hire(candidate)).outcome).toBe('withdrawn');
    });

    it('registers a leaver: an empty and an out-of-window date are refused beside the field, keeping what was typed; a double click registers once', async () => {
      await openHire(leaver);
      expect(await suite.page.getByRole('heading', { name: 'Kandidaat trekt zich terug' }).count()).toBe(0);
      const field = suite.page.getByLabel('Laatste werkdag');
      const error = suite.page.locator('#terminate-lastWorkingDay-error');
      const submit = suite.page.getByRole('button', { name: 'Uitdiensttreding melden' });

      await submit.click();
      await error.waitFor();
      expect(await error.textContent()).toContain('moet een datum zijn als JJJJ-MM-DD'); // the contract's own check, in Dutch
      expect(await field.getAttribute('aria-describedby')).toContain('terminate-lastWorkingDay-error');
      expect(await field.getAttribute('aria-invalid')).toBe('true');

      const outOfWindow = daysFromToday(365 * 7);
      await field.fill(outOfWindow);
      await submit.click();
      await error.getByText(outOfWindow).waitFor();
      await suite.page
        .locator('[data-problem-type="/problems/date-outside-planning-window"]')
        .getByText('Datum buiten het planbare venster')
        .waitFor();
      expect(await field.inputValue()).toBe(outOfWindow);
      await expectAccessible(suite.page, 'hire page (termination refused)');
      expect(await eventsOf(leaver, 'TerminationRegistered')).toHaveLength(0);

      const terminations = countRequests('POST', `/hires/${leaver}/termination`);
      const lastWorkingDay = daysFromToday(21);
      await field.fill(lastWorkingDay);
      await submit.dblclick();
      // A journey that started weeks ago has much to catch up on: the page retries a busy engine (503) with the same key.
      await suite.page.getByRole('status').getByText(`laatste werkdag ${lastWorkingDay}`).waitFor({ timeout: 60_000 });
      await suite.page.getByTestId('hire-stage').getByText('Vertrekt').waitFor();
      expect(terminations.keys).toHaveLength(1);
      expect(await eventsOf(leaver, 'TerminationRegistered')).toHaveLength(1);
    });

    it('records the exit interview with the taxonomy, keyboard only: answers that do not go together are a 409 beside them, in Dutch', async () => {
      await suite.page.getByRole('heading', { level: 2, name: 'Exitgesprek vastleggen' }).waitFor();
      // The offboarding checklist done first: then the exit interview is what ends the journey.
      for (const itemId of OFFBOARDING_CHECKLIST)
        expect(await commandAsHr(`/hires/${leaver}/tasks/${itemId}/completion`, undefined)).toBe(200);
      const form = suite.page.locator('form#exit-interview');
      // Every code of the contract, with the catalogue's Dutch label.
      for (const label of [
        'Werkdruk',
        'Administratieve lasten',
        'Weinig steun van leidinggevenden',
        'Balans tussen werk en privé',
        'Anders',
      ]) {
        expect(await form.getByRole('checkbox', { name: label, exact: true }).count()).toBeGreaterThan(0);
      }
      expect(await form.getByRole('checkbox').count()).toBe(9 + 5);

      // Keyboard only, from the top of the page: Tab to each box and Space, then Enter on the button.
      const tabUntil = async (what: string, focused: string): Promise<void> => {
        for (let presses = 0; presses < 80; presses++) {
          await suite.page.keyboard.press('Tab');
          if (await suite.page.evaluate(focused)) return;
        }
        throw new Error(`Tab never reached ${what}`);
      };
      const tabTo = (id: string) => tabUntil(`#${id}`, `document.activeElement?.id === ${JSON.stringify(id)}`);
      await suite.page.locator('body').focus();
      await tabTo('exit-reasons-workload');
      await suite.page.keyboard.press('Space');
      await tabTo('exit-reasons-administrative-burden');
      await suite.page.keyboard.press('Space');
      await tabTo('exit-would-have-kept-nothing-time-for-something-else');
      await suite.page.keyboard.press('Space');
      await tabTo('exit-would-have-kept-less-workload');
      await suite.page.keyboard.press('Space');
      const exits = countRequests('POST', `/hires/${leaver}/exit-interview`);
      await tabUntil(
        'the submit button',
        `document.activeElement?.type === 'submit' && document.activeElement.closest('form')?.id === 'exit-interview'`,
      );
      await suite.page.keyboard.press('Enter');

      const conflict = suite.page.locator('#exit-would-have-kept-error');
      await conflict.getByText('gaat niet samen met andere antwoorden').waitFor({ timeout: 60_000 });
      await form
        .locator('[data-problem-type="/problems/journey-command-rejected"]')
        .getByText('Niet uitgevoerd')
        .waitFor();
      expect(await suite.page.locator('fieldset[aria-describedby~="exit-would-have-kept-error"]').count()).toBe(1);
      // What was ticked stays ticked.
      expect(await suite.page.locator('#exit-reasons-workload').isChecked()).toBe(true);
      expect(await suite.page.locator('#exit-would-have-kept-less-workload').isChecked()).toBe(true);
      await expectAccessible(suite.page, 'exit interview (409 beside the answers)');

      // Focus went to the problem at the top of the form; Tab on to "nothing would have kept them" and untick it.
      await tabTo('exit-would-have-kept-nothing-time-for-something-else');
      await suite.page.keyboard.press('Space');
      await suite.page.locator('#exit-interview-heading').scrollIntoViewIfNeeded();
      await screenshot('hire-exit-interview');
      await form.getByRole('button', { name: 'Exitgesprek vastleggen' }).dblclick();
      await suite.page.getByRole('status').getByText('Het exitgesprek is vastgelegd').waitFor({ timeout: 60_000 });
      await suite.page.getByTestId('hire-outcome').getByText('Vertrokken').waitFor();
      expect(exits.keys).toHaveLength(2); // the refused one and the recorded one, never the second click
      expect(new Set(exits.keys).size).toBe(2);
      const held = (await eventsOf(leaver, 'ExitInterviewHeld')) as {
        data: { reasons: string[]; wouldHaveKept: string[] };
      }[];
      expect(held).toHaveLength(1);
      expect(held[0]!.data).toMatchObject({
        reasons: ['workload', 'administrative-burden'],
        wouldHaveKept: ['less-workload'],
      });
    });

    it('shows a recruiter progress only: no exit-interview form, no exit-interview task, no termination', async () => {
      await openHire(alsoLeaving);
      await suite.page.getByRole('heading', { level: 2, name: 'Exitgesprek vastleggen' }).waitFor(); // HR sees it
      await suite.page.getByRole('button', { name: 'Afmelden' }).click();
      await signInDev(suite.page, suite.system.baseUrl, organisationId, 'recruiter');
      await suite.page.getByRole('heading', { level: 1, name: 'Nieuwe medewerkers' }).waitFor();
      await openHire(alsoLeaving);
      await suite.page.getByTestId('hire-stage').getByText('Vertrekt').waitFor();
      expect(await suite.page.getByRole('heading', { name: 'Exitgesprek vastleggen' }).count()).toBe(0);
      expect(await suite.page.getByRole('heading', { name: 'Uitdiensttreding melden' }).count()).toBe(0);
      expect(await suite.page.getByText(/exitgesprek/i).count()).toBe(0);
      expect((await hire(alsoLeaving)).items?.some((item) => item.id.includes('exit'))).toBe(true); // HR's view has it
      await expectAccessible(suite.page, 'hire page (recruiter)');
      await suite.page.getByRole('button', { name: 'Afmelden' }).click();
    });

    it('draws the funnel of the filtered hires and filters by location; the list follows a hire registered through the API without a reload', async () => {
      await signInDev(suite.page, suite.system.baseUrl, organisationId, 'hr-advisor');
      await suite.page.getByRole('heading', { level: 1, name: 'Nieuwe medewerkers' }).waitFor();
      const funnel = suite.page.getByTestId('funnel');
      await funnel.locator('svg[role="img"][aria-label="Nieuwe medewerkers per fase"]').waitFor();
      const figures = async () =>
        funnel
          .locator('details table tbody tr')
          .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
      await waitFor(figures, (rows) => rows.find((row) => row[0] === 'Afgerond')?.[1] === '2', 30_000);
      expect(await figures()).toEqual([
        ['Aangemeld', '0'],
        ['Voor de eerste dag', '3'],
        ['Inwerken', '2'],
        ['Met verlof', '0'],
        ['Vertrekt', '1'],
        ['Afgerond', '2'],
      ]);
      expect(await funnel.locator('svg[role="img"] rect').count()).toBeGreaterThanOrEqual(4);

      await suite.page.getByLabel('Locatie').selectOption('Geldermalsen');
      await waitFor(figures, (rows) => rows.map((row) => row[1]).join() === '0,0,0,0,1,1');
      expect(await suite.page.locator('table').last().locator('tbody tr').count()).toBe(2);
      await suite.page.getByLabel('Locatie').selectOption('');
      await expectAccessible(suite.page, 'hires overview (with the funnel)');
      await screenshot('hires-overview');

      // Live: a hire registered elsewhere shows up while the page stays; polls in between are 304s.
      const statuses: number[] = [];
      suite.page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/hires' && response.request().method() === 'GET')
          statuses.push(response.status());
      });
      await suite.page.evaluate('window.__stillTheSamePage = true');
      const newcomer = `h-newcomer-${suffix}`;
      await suite.page.waitForTimeout(6_000); // at least one poll with nothing new
      await register(newcomer, daysFromToday(25), 'Team Buren', 'Buren');
      await suite.page.getByRole('link', { name: newcomer }).waitFor({ timeout: 30_000 });
      expect(await suite.page.evaluate('window.__stillTheSamePage')).toBe(true);
      expect(statuses).toContain(304);
      expect(statuses).toContain(200);
    });

    it("follows the journey on a hire's page without a reload", async () => {
      await openHire(`h-more-p45-${suffix}`);
      await suite.page.evaluate('window.__stillTheSamePage = true');
      expect(await commandAsHr(`/hires/h-more-p45-${suffix}/withdrawal`, {})).toBe(200);
      await suite.page.getByTestId('hire-outcome').getByText('Teruggetrokken').waitFor({ timeout: 15_000 });
      expect(await suite.page.evaluate('window.__stillTheSamePage')).toBe(true);
      await suite.page.getByRole('button', { name: 'Afmelden' }).click();
    });

    it('shows a mentor their mentees and their load against their capacity, and saves a changed offer', async () => {
      await signInDev(suite.page, suite.system.baseUrl, organisationId, 'mentor', mentorRef);
      await suite.page.getByRole('link', { name: 'Mentor', exact: true }).click();
      await suite.page.getByRole('heading', { level: 1, name: 'Mentor zijn' }).waitFor();
      await suite.page.locator(`[data-mentee="${mentee}"]`).waitFor({ timeout: 30_000 });
      expect(await suite.page.locator('[data-mentee]').count()).toBe(1); // only their own
      // The newcomer of the test before has done its search and found nobody: it holds no place of theirs.
      expect(
        (
          await waitFor(
            () => hire(`h-newcomer-${suffix}`),
            (view) => view.mentor?.status === 'none-available',
            30_000,
          )
        ).mentor?.asked,
      ).toEqual([]);
      // HR offered them (beforeAll): the page reads their own profile (GET /mentors/{mentorRef}) and fills the form.
      await expectLoad(['1 van 2 mentees', '5 van 8 uur per week']);
      expect(await suite.page.getByLabel('Team').inputValue()).toBe('Team Tiel');
      expect(await suite.page.getByLabel('Jaren ervaring').inputValue()).toBe('8');
      await suite.page.getByLabel('Hoeveel mentees tegelijk').fill('25');
      await suite.page.getByRole('button', { name: 'Aanbod opslaan' }).click();
      await suite.page.locator('#offer-maxMentees-error').getByText('20').waitFor(); // the contract's maximum, beside the field
      expect(await suite.page.getByLabel('Jaren ervaring').inputValue()).toBe('8');
      await suite.page.getByLabel('Hoeveel mentees tegelijk').fill('3');
      await suite.page.getByRole('button', { name: 'Aanbod opslaan' }).click();
      await suite.page.getByRole('status').getByText('Je aanbod is opgeslagen.').waitFor();
      await expectLoad(['1 van 3 mentees', '5 van 8 uur per week']);
      await suite.page.locator('section[aria-labelledby="load"] svg[role="img"]').waitFor();
      // Back later: what they offered is what the pool shows.
      await suite.page.reload();
      await expectLoad(['1 van 3 mentees', '5 van 8 uur per week']);
      expect(await suite.page.getByLabel('Hoeveel mentees tegelijk').inputValue()).toBe('3');
      await expectAccessible(suite.page, 'mentor page');
      await screenshot('mentor-page');
    });
  },
);

/** The built-in offboarding checklist a termination opens (workflows/domain/defaultTemplates.ts). */
const OFFBOARDING_CHECKLIST = [
  'adhoc:offboarding:returned-items',
  'adhoc:offboarding:access-removed',
  'adhoc:offboarding:clients-and-cases-handed-over',
];
