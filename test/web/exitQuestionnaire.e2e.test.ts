import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { requestsAs } from '../support/apiRequest';
import { SCREENSHOTS, expectAccessible, signInDev, describeWebAppSuite } from '../support/browser';
import { waitFor } from '../support/waitFor';
import { sendLinkForm } from '../support/linkFormSending';

const linkIn = (text: string | undefined) =>
  /\/app\/exit-questionnaire#(sxt_[0-9a-f]{32}\.[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];

/**
 * The exit questionnaire as a leaver meets it, on real Temporal and SMTP in headless Chromium: the termination's mail
 * brings the link, the leaver ticks reasons and writes a line without signing in, the link then says it was used,
 * and once five leavers of the team answered HR sees the reasons on the Behoud page.
 */
describeWebAppSuite('the exit questionnaire in headless Chromium', { timeoutMs: 240_000 }, (suite) => {
  const organisationId = `vertrek-${randomUUID().slice(0, 8)}`;
  const leavers = Array.from({ length: 5 }, (_, index) => ({
    hireId: `h-vertrek-${index}-${randomUUID().slice(0, 4)}`,
    email: `vertrek${index}@vertrek.test`,
  }));
  const tokens = new Map<string, string>();
  const send = requestsAs(() => suite.system.baseUrl, organisationId, 'hr-advisor');

  beforeAll(async () => {
    for (const { hireId, email } of leavers) {
      const body = {
        hireId,
        startDate: '2027-03-01',
        role: 'Jeugdzorgwerker',
        team: 'Team Oost',
        newHire: { displayName: `Vertrekker ${hireId}`, email, language: 'nl' },
      };
      expect((await send('POST', '/hires', body)).status).toBe(201);
    }
    for (const { hireId, email } of leavers) {
      await waitFor(
        async () => (await (await send('GET', `/hires/${hireId}`)).json()) as { items?: unknown },
        (view: { items?: unknown }) => Array.isArray(view.items),
        20_000,
      );
      expect((await send('POST', `/hires/${hireId}/termination`, { lastWorkingDay: '2027-02-26' })).status).toBe(200);
      const [mail] = await waitFor(
        async () => suite.smtp.to(email).filter((m) => linkIn(m.parsed.text)),
        (mails) => mails.length > 0,
        30_000,
      );
      tokens.set(hireId, linkIn(mail!.parsed.text)!);
    }
  }, 200_000);

  it('lets the leaver answer from the link in the mail, once, without signing in', async () => {
    const { page, system } = suite;
    const link = `${system.baseUrl}/app/exit-questionnaire#${tokens.get(leavers[0]!.hireId)}`;
    // Each fresh load of the link opens the questionnaire. The page once took the token out of the address while
    // rendering, so a render React threw away and repeated found no token: about one load in four said "no link".
    for (let load = 1; load <= 6; load += 1) {
      await page.goto('about:blank');
      await page.goto(link);
      await page.locator('form#exit-questionnaire').waitFor();
      expect(new URL(page.url()).hash).toBe('');
    }
    await page.getByRole('heading', { level: 1, name: 'Waarom ga je weg?' }).waitFor();
    const form = page.locator('form#exit-questionnaire');
    // Sent without a reason: the API's word beside the reasons, in Dutch, and nothing stored.
    await form.getByRole('button', { name: 'Versturen' }).click();
    await page.locator('#exit-questionnaire-reasons-error').getByText('Kies minstens één vertrekreden.').waitFor();
    await expectAccessible(page, 'exit questionnaire (refused)');
    // As a person does it: a tap on the reason's label.
    await form.locator('label[for="exit-questionnaire-reasons-workload"]').click();
    await form.locator('label[for="exit-questionnaire-reasons-administrative-burden"]').click();
    expect(await form.getByRole('checkbox', { name: 'Werkdruk', exact: true }).isChecked()).toBe(true);
    await page.locator('#exit-questionnaire-open-text').fill('Te veel dossiers tegelijk, te weinig tijd per gezin.');
    await sendLinkForm(page, form, {
      name: 'exit questionnaire',
      screenshot: 'exit-questionnaire.png',
      fullPage: true,
    });
    await expectAccessible(page, 'exit questionnaire sent');
    // The link works once: opened again from the mail (a fresh load, not a change of the fragment), it says so.
    await page.goto('about:blank');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Al ingevuld' }).waitFor();
    expect(await page.locator('[data-problem-type="/problems/survey-link-spent"]').count()).toBe(1);
    expect(await form.count()).toBe(0);
  });

  it('shows HR nothing for four answers and the team’s reasons from five on', async () => {
    const { page, system } = suite;
    const answer = async (hireId: string) => {
      const response = await fetch(`${system.baseUrl}/exit-questionnaire/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: tokens.get(hireId), reasons: ['workload'] }),
      });
      expect(response.status).toBe(202);
    };
    // The leaver of the test before answered through the page: with these three, four answers wait.
    for (const { hireId } of leavers.slice(1, 4)) await answer(hireId);
    await signInDev(page, system.baseUrl, organisationId, 'hr-advisor');
    await page.goto(`${system.baseUrl}/app/analytics`);
    await page.getByTestId('exit-questionnaire-nothing-yet').waitFor();
    await answer(leavers[4]!.hireId);
    await page.reload();
    const section = page.getByTestId('exit-questionnaire-report');
    const workload = section.getByRole('row', { name: /^Werkdruk/ });
    await workload.waitFor();
    expect(await workload.getByRole('cell').allTextContents()).toEqual(['Werkdruk', '5', '5']);
    await section.getByText('Te veel dossiers tegelijk, te weinig tijd per gezin.').waitFor();
    await section.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'analytics with the exit questionnaire');
    await section.screenshot({ path: join(SCREENSHOTS, 'exit-questionnaire-report.png') });
  });
});
