import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiRequest } from '../support/apiRequest';
import { SCREENSHOTS, expectAccessible, describeWebAppSuite } from '../support/browser';
import { waitFor } from '../support/waitFor';
import { daysFromToday } from '../support/daysFromToday';

/**
 * The set-up pages (HR advisor, administrator) and the auditor's page of a hire, in real Chromium against the
 * running system: what the pages show is checked against what the API stores and the event store recorded.
 */
describeWebAppSuite(
  'set-up and audit pages in headless Chromium, against the running system',
  { timeoutMs: 240_000, system: { webhookAllowedHosts: ['127.0.0.1'] } },
  (suite) => {
    const organisationId = `setup-${randomUUID().slice(0, 8)}`;
    const hireId = `h-audit-${randomUUID().slice(0, 6)}`;
    const firstStartDate = daysFromToday(40);
    const movedStartDate = daysFromToday(47);

    const api = (role: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      apiRequest(suite.system.baseUrl, organisationId, method, path, body, { 'x-role': role, ...headers });
    const apiJson = async (role: string, path: string) => {
      const response = await api(role, 'GET', path);
      expect(response.status).toBe(200);
      return (await response.json()) as any;
    };

    /**
     * Fills in the fields of a set-up form (`#<form>-<field>`, the ids the pages make from the API's pointers) in
     * the order given: a text as typed, `{ choose }` an option of a select.
     */
    const fillIn = async (form: string, fields: Record<string, string | { choose: string }>) => {
      for (const [field, value] of Object.entries(fields)) {
        const input = suite.page.locator(`#${form}-${field}`);
        if (typeof value === 'string') await input.fill(value);
        else await input.selectOption(value.choose);
      }
    };

    beforeAll(async () => {
      // A hire whose start date moves once: the auditor later goes back to before the move.
      const registered = await api(
        'hr-advisor',
        'POST',
        '/hires',
        { hireId, startDate: firstStartDate, role: 'Jeugdzorgwerker', team: 'Team Betuwe', location: 'Tiel' },
        { 'idempotency-key': randomUUID() },
      );
      expect(registered.status).toBe(201);
      await waitFor(
        () => apiJson('hr-advisor', `/hires/${hireId}/history`),
        (history) => !history.pending && history.events.some((event: any) => event.type === 'TaskOpened'),
        60_000,
      );
      const moved = await api(
        'hr-advisor',
        'PUT',
        `/hires/${hireId}/start-date`,
        { startDate: movedStartDate },
        { 'idempotency-key': randomUUID() },
      );
      expect(moved.status).toBe(200);
      await waitFor(
        () => apiJson('hr-advisor', `/hires/${hireId}/history`),
        (history) => history.events.some((event: any) => event.type === 'StartDateChanged'),
        30_000,
      );
    }, 120_000);

    afterEach(async () => {
      await suite.page?.screenshot({ path: join(tmpdir(), 'setup-audit-e2e-last.png'), fullPage: true });
    });

    const screenshot = (name: string, fullPage = true) =>
      suite.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });

    async function signInDev(role: string): Promise<void> {
      await suite.page.goto(`${suite.system.baseUrl}/`);
      const signOut = suite.page.getByRole('button', { name: 'Afmelden' });
      if (await signOut.isVisible()) await signOut.click();
      await suite.page.locator('#dev-role').selectOption(role);
      await suite.page.locator('#dev-organisation').fill(organisationId);
      await suite.page.locator('form[aria-labelledby="dev-heading"] button[type="submit"]').click();
      await suite.page.getByRole('heading', { level: 1 }).waitFor();
    }

    it('lets an HR advisor publish a template version through the form, with the typed values stored', async () => {
      await signInDev('hr-advisor');
      await suite.page.getByRole('link', { name: 'Inrichting', exact: true }).click();
      await suite.page.getByRole('heading', { level: 1, name: 'Inrichting' }).waitFor();
      // HR sets up templates, profiles, mentors and mailboxes; webhooks and API keys are the administrator's.
      expect(await suite.page.locator('main').getByRole('link').allTextContents()).toEqual([
        'Trajectsjablonen',
        'Vacatureprofielen',
        'Mentorpool',
        'Mailboxen',
      ]);
      await expectAccessible(suite.page, 'set-up');

      await suite.page.getByRole('link', { name: 'Trajectsjablonen' }).click();
      const row = suite.page.locator('[data-template="rivierenland-team"]');
      await row.getByText('Standaard (nog niet gepubliceerd)').waitFor();
      await expectAccessible(suite.page, 'set-up: templates');

      await row.getByRole('link').click();
      await suite.page.getByRole('heading', { level: 2, name: 'Versie 1 publiceren' }).waitFor();
      await fillIn('tpl', {
        name: 'Team Rivierenland, versie van HR',
        'mentor-hoursPerWeek': '3',
        // Two short pulse surveys before the 90-day one, typed as HR would.
        'survey-pulses': '30, 60',
        'preboardingTasks-0-title': 'Lees het cv en bel de nieuwe collega',
      });
      await suite.page.getByRole('button', { name: 'Taak toevoegen' }).click();
      const added = (await suite.page.locator('[data-task-index]').count()) - 1;
      await fillIn(`tpl-preboardingTasks-${added}`, {
        id: 'parking-permit',
        title: 'Parkeervergunning aanvragen',
        ownerRole: { choose: 'facilities' },
        dueOffsetDays: '-10',
        reminderOffsetDays: '-2',
        escalationOffsetDays: '1',
      });
      await expectAccessible(suite.page, 'set-up: template form');
      // The top of the form, with its first tasks (the whole form is many screens long).
      await suite.page.getByRole('heading', { level: 1 }).focus();
      await suite.page.screenshot({
        path: join(SCREENSHOTS, 'setup-templates.png'),
        fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: 1700 },
      });
      await suite.page.getByRole('button', { name: 'Publiceren', exact: true }).click();
      await suite.page.getByRole('status').getByText('Versie 1 is gepubliceerd.').waitFor();

      const stored = await apiJson('hr-advisor', '/journey-templates/rivierenland-team');
      expect(stored).toMatchObject({
        id: 'rivierenland-team',
        version: 1,
        organisationId,
        name: 'Team Rivierenland, versie van HR',
        mentor: { hoursPerWeek: 3 },
        survey: { pulses: [{ dayOffset: 30 }, { dayOffset: 60 }] },
      });
      expect(stored.preboardingTasks[0].title).toBe('Lees het cv en bel de nieuwe collega');
      expect(stored.preboardingTasks.at(-1)).toEqual({
        id: 'parking-permit',
        ownerRole: 'facilities',
        title: 'Parkeervergunning aanvragen',
        dueOffsetDays: -10,
        reminderOffsetDays: -2,
        escalationOffsetDays: 1,
      });
      // The form now offers the next version.
      await suite.page.getByRole('heading', { level: 2, name: 'Versie 2 publiceren' }).waitFor();
      await suite.page.getByRole('link', { name: 'Terug naar de sjablonen' }).click();
      expect(
        await suite.page.locator('[data-template="rivierenland-team"] [data-testid="template-version"]').textContent(),
      ).toBe('1');
    });

    it('shows the API’s problem beside the field and keeps what was typed, publishing nothing; corrected, it is version 2 and version 1 stays', async () => {
      await suite.page.locator('[data-template="rivierenland-team"]').getByRole('link').click();
      await suite.page.getByRole('heading', { level: 2, name: 'Versie 2 publiceren' }).waitFor();
      await suite.page.locator('#tpl-name').fill('Team Rivierenland, versie 2');
      // Past the end of the programme: the domain refuses it, and says where.
      const due = await suite.page.locator('#tpl-milestones-0-dueOffsetDays').inputValue();
      await suite.page.locator('#tpl-milestones-0-dueOffsetDays').fill('5000');
      await suite.page.getByRole('button', { name: 'Publiceren', exact: true }).click();
      const error = suite.page.locator('#tpl-milestones-0-dueOffsetDays-error');
      await error.waitFor();
      expect((await error.textContent())?.length).toBeGreaterThan(5);
      expect(await suite.page.locator('#tpl-milestones-0-dueOffsetDays').getAttribute('aria-describedby')).toContain(
        'tpl-milestones-0-dueOffsetDays-error',
      );
      expect(await suite.page.locator('#tpl-milestones-0-dueOffsetDays').inputValue()).toBe('5000');
      expect(await suite.page.locator('#tpl-name').inputValue()).toBe('Team Rivierenland, versie 2');
      await expectAccessible(suite.page, 'set-up: template form (refused field)');
      expect((await apiJson('hr-advisor', '/journey-templates/rivierenland-team')).version).toBe(1);

      // Corrected, it is published as version 2; version 1 stays as it was, listed and opened from the template.
      await suite.page.locator('#tpl-milestones-0-dueOffsetDays').fill(due);
      // Two pulses on one day: the domain's problem with the second is shown beside the one field of days.
      await suite.page.locator('#tpl-survey-pulses').fill('30, 30');
      await suite.page.getByRole('button', { name: 'Publiceren', exact: true }).click();
      const pulsesError = suite.page.locator('#tpl-survey-pulses-error');
      await pulsesError.waitFor();
      expect(await pulsesError.textContent()).toContain('Er gaat al een korte vragenlijst uit op dag 30.');
      await suite.page.locator('#tpl-survey-pulses').fill('30, 60');
      await suite.page.getByRole('button', { name: 'Publiceren', exact: true }).click();
      await suite.page.getByRole('status').getByText('Versie 2 is gepubliceerd.').waitFor();
      expect(await apiJson('hr-advisor', '/journey-templates/rivierenland-team')).toMatchObject({
        version: 2,
        name: 'Team Rivierenland, versie 2',
        survey: { pulses: [{ dayOffset: 30 }, { dayOffset: 60 }] },
      });
      await suite.page.getByRole('link', { name: 'Versie 2 (nieuwste)' }).waitFor();
      await suite.page.getByRole('link', { name: 'Versie 1', exact: true }).click();
      await suite.page
        .getByRole('heading', { level: 1, name: 'Sjabloon: Team Rivierenland, versie van HR · Versie 1' })
        .waitFor();
      expect(await suite.page.locator('#tpl-name').inputValue()).toBe('Team Rivierenland, versie van HR');
      expect(await suite.page.locator('#tpl-name').isDisabled()).toBe(true);
      expect(await suite.page.getByRole('button', { name: 'Publiceren', exact: true }).count()).toBe(0);
      await expectAccessible(suite.page, 'set-up: template version 1');
    });

    it("lets an auditor read a hire's attributed history, go back to before the start date moved and see the verification, without any write control", async () => {
      await signInDev('auditor');
      expect(await suite.page.getByRole('link', { name: 'Inrichting', exact: true }).count()).toBe(0);
      await suite.page.getByRole('link', { name: 'Controle', exact: true }).click();
      await suite.page.getByRole('heading', { level: 1, name: 'Controle' }).waitFor();
      await expectAccessible(suite.page, 'audit: hires');
      await suite.page.goto(`${suite.system.baseUrl}/app/hires/${hireId}`);
      await suite.page.getByTestId('hire-start-date').getByText(movedStartDate).waitFor();
      // The hire page offers the auditor nothing to change.
      expect(await suite.page.locator('main form, main input, main select, main textarea').count()).toBe(0);
      await suite.page.getByRole('link', { name: 'Geschiedenis en controle' }).click();
      await suite.page.getByRole('heading', { level: 1, name: `Controle van ${hireId}` }).waitFor();

      const history = await apiJson('auditor', `/hires/${hireId}/history`);
      const items = suite.page.getByTestId('history').locator('li');
      await items.first().waitFor();
      expect(
        await items.evaluateAll((nodes) =>
          nodes.map((node) => [Number(node.getAttribute('data-revision')), node.getAttribute('data-type')]),
        ),
      ).toEqual(history.events.map((event: any) => [event.revision, event.type]));
      const change = history.events.find((event: any) => event.type === 'StartDateChanged');
      expect(await items.nth(change.revision).textContent()).toContain(`Door: ${change.actor}`);

      await suite.page.locator('[data-testid="verification"][data-ok="true"]').getByText('De keten klopt').waitFor();
      expect(await suite.page.getByTestId('verification').textContent()).toContain(
        `Alle ${history.events.length} vastgelegde gebeurtenissen`,
      );
      await suite.page.getByTestId('as-of-start-date').getByText(movedStartDate).waitFor();
      // No write control: the only buttons on the page are the exports (reads).
      expect(await suite.page.locator('main button').allTextContents()).toEqual([
        'Download als JSON',
        'Download als CSV',
      ]);
      expect(await suite.page.locator('main form').count()).toBe(0);
      await expectAccessible(suite.page, 'audit: history');
      await screenshot('audit-history');

      // The slider steps back, one event at a time, to just before the start date moved.
      const slider = suite.page.getByLabel('Na gebeurtenis');
      await slider.focus();
      await suite.page.keyboard.press('End');
      for (let step = history.events.length; step > change.revision; step--)
        await suite.page.keyboard.press('ArrowLeft');
      const previous = history.events[change.revision - 1];
      await suite.page.locator('output').getByText(`Gebeurtenis ${previous.revision}: ${previous.type}`).waitFor();
      await suite.page.getByTestId('as-of-start-date').getByText(firstStartDate).waitFor();
      expect(await suite.page.getByTestId('as-of-state').textContent()).toContain(
        `${change.revision} gebeurtenissen verwerkt`,
      );
      // The history marks what happened after that moment.
      expect(await items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-later')))).toEqual(
        history.events.map((event: any) => String(event.revision >= change.revision)),
      );
      await expectAccessible(suite.page, 'audit: as of');
      await screenshot('audit-as-of');

      // The calendar picks a moment too (to the second): now is after the move.
      const now = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      await suite.page
        .getByLabel('Moment', { exact: true })
        .fill(
          `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`,
        );
      await suite.page.getByTestId('as-of-start-date').getByText(movedStartDate).waitFor();

      // The export is the same history, as a file.
      const [download] = await Promise.all([
        suite.page.waitForEvent('download'),
        suite.page.getByRole('button', { name: 'Download als CSV' }).click(),
      ]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toBe('revision,id,type,occurredAt,recordedAt,actor,correlationId,causationId,data');
      expect(csv).toContain(change.id);
      await suite.page
        .getByRole('status')
        .getByText(/is gedownload/)
        .waitFor();

      // The set-up the auditor may read, it sees without a form.
      for (const [path, title] of [
        ['/app/setup/webhooks', 'Webhooks'],
        ['/app/setup/api-keys', 'API-sleutels'],
        ['/app/setup/templates/rivierenland-team', 'Sjabloon: Team Rivierenland, versie 2'],
      ] as const) {
        await suite.page.goto(`${suite.system.baseUrl}${path}`);
        await suite.page.getByRole('heading', { level: 1, name: title }).waitFor();
        await suite.page.getByTestId('read-only').waitFor();
        expect(
          await suite.page
            .locator('main button:enabled, main input:enabled, main select:enabled, main textarea:enabled')
            .count(),
        ).toBe(0);
        await expectAccessible(suite.page, `auditor: ${title}`);
      }
    });

    it('lets an HR advisor define a vacancy profile, offer a mentor and set a mailbox through forms', async () => {
      await signInDev('hr-advisor');
      await suite.page.goto(`${suite.system.baseUrl}/app/setup/vacancy-profiles`);
      await suite.page.getByText('Er zijn nog geen vacatureprofielen.').waitFor();
      await expectAccessible(suite.page, 'set-up: vacancy profiles (empty)');
      await fillIn('profile', {
        profileId: 'jeugdzorgwerker-betuwe',
        role: 'Jeugdzorgwerker',
        team: 'Team Betuwe',
        templateId: { choose: 'rivierenland-team' },
        expectations: 'Je bouwt een caseload op\nJe werkt samen met gezinnen',
        talents: 'Luisteren',
        offer: 'Een mentor\nEen leerlijn',
      });
      await suite.page.getByRole('button', { name: 'Profiel opslaan' }).click();
      await suite.page
        .getByRole('status')
        .getByText('Profiel jeugdzorgwerker-betuwe is opgeslagen als versie 1.')
        .waitFor();
      await suite.page.locator('[data-profile="jeugdzorgwerker-betuwe"]').waitFor();
      expect(await apiJson('hr-advisor', '/vacancy-profiles/jeugdzorgwerker-betuwe')).toMatchObject({
        version: 1,
        role: 'Jeugdzorgwerker',
        team: 'Team Betuwe',
        templateId: 'rivierenland-team',
        expectations: ['Je bouwt een caseload op', 'Je werkt samen met gezinnen'],
        talents: ['Luisteren'],
        offer: ['Een mentor', 'Een leerlijn'],
      });
      // Editing it publishes version 2.
      await suite.page.getByRole('button', { name: 'Profiel jeugdzorgwerker-betuwe wijzigen' }).click();
      await suite.page.locator('#profile-talents').fill('Luisteren\nDoorvragen');
      await suite.page.getByRole('button', { name: 'Profiel opslaan' }).click();
      await suite.page
        .getByRole('status')
        .getByText('Profiel jeugdzorgwerker-betuwe is opgeslagen als versie 2.')
        .waitFor();
      expect((await apiJson('hr-advisor', '/vacancy-profiles/jeugdzorgwerker-betuwe')).talents).toEqual([
        'Luisteren',
        'Doorvragen',
      ]);
      await expectAccessible(suite.page, 'set-up: vacancy profiles');

      await suite.page.goto(`${suite.system.baseUrl}/app/setup/mentors`);
      await suite.page.getByText('Er staan nog geen mentoren in de pool.').waitFor();
      await fillIn('mentor', {
        mentorRef: 'mentor-betuwe-1',
        team: 'Team Betuwe',
        location: 'Tiel',
        experienceYears: '8',
        hoursPerWeekAvailable: '4',
        maxMentees: '99',
      });
      await suite.page.getByRole('button', { name: 'Mentor opslaan' }).click();
      // More mentees than the contract allows: refused beside the field, nothing stored.
      await suite.page.locator('#mentor-maxMentees-error').waitFor();
      expect(await suite.page.locator('#mentor-maxMentees').inputValue()).toBe('99');
      expect((await apiJson('hr-advisor', '/mentors')).mentors).toEqual([]);
      await expectAccessible(suite.page, 'set-up: mentors (refused field)');
      await suite.page.locator('#mentor-maxMentees').fill('2');
      await suite.page.getByRole('button', { name: 'Mentor opslaan' }).click();
      await suite.page.getByRole('status').getByText('Mentor mentor-betuwe-1 staat in de pool.').waitFor();
      await suite.page.locator('[data-mentor="mentor-betuwe-1"]').getByText('0 mentees, 0 uur per week').waitFor();
      expect((await apiJson('hr-advisor', '/mentors')).mentors).toEqual([
        expect.objectContaining({
          mentorRef: 'mentor-betuwe-1',
          team: 'Team Betuwe',
          location: 'Tiel',
          experienceYears: 8,
          hoursPerWeekAvailable: 4,
          maxMentees: 2,
          active: true,
        }),
      ]);
      await expectAccessible(suite.page, 'set-up: mentors');

      await suite.page.goto(`${suite.system.baseUrl}/app/setup/mailboxes`);
      await fillIn('mailbox', { role: { choose: 'it' }, displayName: 'ICT-servicedesk', email: 'geen-adres' });
      await suite.page.getByRole('button', { name: 'Mailbox opslaan' }).click();
      await suite.page.locator('#mailbox-email-error').waitFor();
      await expectAccessible(suite.page, 'set-up: mailboxes (refused field)');
      await suite.page.locator('#mailbox-email').fill('servicedesk@example.test');
      await suite.page.getByRole('button', { name: 'Mailbox opslaan' }).click();
      await suite.page.getByRole('status').getByText('Mails voor ICT gaan nu naar servicedesk@example.test.').waitFor();
      // The list of what is set (GET /mailboxes) follows the save.
      await suite.page.locator('[data-mailbox="it"]').getByText('servicedesk@example.test').waitFor();
      expect(await suite.page.locator('[data-mailbox="it"] td').allTextContents()).toEqual([
        'ICT',
        'ICT-servicedesk',
        'servicedesk@example.test',
        'Nederlands',
      ]);
      await expectAccessible(suite.page, 'set-up: mailboxes');
    });

    it('lets the administrator issue an API key (shown once) and revoke it; a key without roles is refused beside the roles', async () => {
      await signInDev('admin');
      await suite.page.goto(`${suite.system.baseUrl}/app/setup/api-keys`);
      await suite.page.getByRole('heading', { level: 1, name: 'API-sleutels' }).waitFor();
      await suite.page.locator('#apikey-label').fill('AFAS-koppeling');
      await suite.page.getByRole('button', { name: 'Uitgeven' }).click();
      await suite.page.locator('#apikey-roles-error').waitFor();
      expect(await suite.page.locator('#apikey-label').inputValue()).toBe('AFAS-koppeling');
      expect((await apiJson('admin', '/api-keys')).apiKeys).toEqual([]);
      await expectAccessible(suite.page, 'set-up: API keys (refused)');

      // With the keyboard, as the design system draws its own box over the native checkbox.
      await suite.page.getByLabel('HR-systeem').focus();
      await suite.page.keyboard.press('Space');
      expect(await suite.page.getByLabel('HR-systeem').isChecked()).toBe(true);
      await suite.page.getByRole('button', { name: 'Uitgeven' }).dblclick();
      const token = await suite.page.getByTestId('issued-token').textContent();
      const { apiKeys } = await waitFor(
        () => apiJson('admin', '/api-keys'),
        (list) => list.apiKeys.length > 0,
      );
      expect(apiKeys).toEqual([expect.objectContaining({ label: 'AFAS-koppeling', roles: ['hr-system'] })]);
      const keyId = apiKeys[0].keyId as string;
      expect(token).toContain(keyId);
      await suite.page.locator(`[data-key="${keyId}"]`).getByText('Geldig').waitFor();
      await expectAccessible(suite.page, 'set-up: API keys');

      await suite.page.getByRole('button', { name: `Sleutel ${keyId} intrekken` }).click();
      await suite.page
        .locator(`[data-key="${keyId}"]`)
        .getByText(/Ingetrokken op/)
        .waitFor();
      expect((await apiJson('admin', '/api-keys')).apiKeys[0].revokedAt).toEqual(expect.any(String));
    });

    it('lets the administrator list, save and delete webhooks; a refused address shows the API’s problem', async () => {
      await signInDev('admin');
      await suite.page.getByRole('link', { name: 'Inrichting', exact: true }).click();
      await suite.page.getByRole('link', { name: 'Webhooks' }).click();
      await suite.page.getByText('Er zijn nog geen webhooks.').waitFor();
      await expectAccessible(suite.page, 'set-up: webhooks (empty)');

      await suite.page.getByLabel('Code').fill('hris-feed');
      await suite.page.getByLabel('Adres (URL)').fill('http://10.0.0.7/hooks');
      await suite.page.getByLabel('Gebeurtenissen').fill('HireRegistered, StartDateChanged');
      await suite.page.getByRole('button', { name: 'Nieuw geheim maken' }).click();
      expect(await suite.page.getByLabel('Geheim').inputValue()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      await suite.page.getByRole('button', { name: 'Webhook opslaan' }).click();
      await suite.page.locator('[data-problem-type="/problems/webhook-url-not-allowed"]').waitFor();
      expect(await suite.page.getByLabel('Adres (URL)').inputValue()).toBe('http://10.0.0.7/hooks');
      expect((await api('admin', 'GET', '/webhooks/hris-feed')).status).toBe(404);
      await expectAccessible(suite.page, 'set-up: webhooks (refused)');

      await suite.page.getByLabel('Adres (URL)').fill('http://127.0.0.1:9/hooks');
      await suite.page.getByRole('button', { name: 'Webhook opslaan' }).click();
      await suite.page.getByRole('status').getByText('Webhook hris-feed is opgeslagen.').waitFor();
      expect(await suite.page.getByLabel('Geheim').inputValue()).toBe('');
      await suite.page.locator('[data-webhook="hris-feed"]').getByText('HireRegistered, StartDateChanged').waitFor();
      expect(await apiJson('admin', '/webhooks')).toEqual({
        subscriptions: [
          {
            id: 'hris-feed',
            organisationId,
            url: 'http://127.0.0.1:9/hooks',
            eventTypes: ['HireRegistered', 'StartDateChanged'],
            contentMode: 'structured',
          },
        ],
      });
      await expectAccessible(suite.page, 'set-up: webhooks');
      await screenshot('setup-webhooks');

      await suite.page.getByRole('button', { name: 'Webhook hris-feed verwijderen' }).click();
      await suite.page.getByRole('status').getByText('Webhook hris-feed is verwijderd.').waitFor();
      await suite.page.getByText('Er zijn nog geen webhooks.').waitFor();
      expect((await api('admin', 'GET', '/webhooks/hris-feed')).status).toBe(404);
    });
  },
);
