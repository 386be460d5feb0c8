import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hireStreamName } from '../../services/event-store/streamNames';
import { SCREENSHOTS, expectAccessible, openDutchPage } from '../support/browser';
import { describeMailedLinkSuite } from '../support/mailedLinkSuite';
import { registerHireWithMentor } from '../support/hireRegistrations';
import { openMentorRequestFromMail } from '../support/mentorRequestPage';
import { waitFor } from '../support/waitFor';
import { daysFromToday } from '../support/daysFromToday';

/**
 * A new hire without an account: HR registers them with their e-mail, the welcome mail brings a magic link, and the
 * link opens their own welcome page in the browser — once.
 */
describeMailedLinkSuite(
  "a new hire's magic link in headless Chromium",
  'h-welkom',
  (suite, { organisationId, hireId, asHr }) => {
    const email = 'sanne.welkom@example.test';
    const mentorEmail = 'mirjam.mentor@example.test';
    // Three days ahead: the welcome mail (a week before day one) goes at once.
    const startDate = daysFromToday(3);
    let token: string;

    beforeAll(async () => {
      // A mentor in the hire's team, so the journey asks them.
      await registerHireWithMentor(
        asHr,
        { hireId, startDate, newHire: { displayName: 'Sanne de Vries', email, language: 'nl' } },
        { mentorRef: 'ms-web', displayName: 'Mirjam Smit', email: mentorEmail, experienceYears: 10 },
      );
      const welcome = await suite.smtp.firstTo(email, 'Welkom');
      const link = /\S+\/app\/link#(\S+)/.exec(welcome.parsed.text ?? '');
      if (!link) throw new Error(`no magic link in the welcome mail:\n${welcome.parsed.text}`);
      token = link[1]!;
    });

    it("opens the link from the mail on the new hire's welcome page, with their start date, and the token out of the address", async () => {
      const page = await openDutchPage(suite.browser);
      // The mail names PUBLIC_BASE_URL; the system under test listens elsewhere, with the same path and fragment.
      await page.goto(`${suite.system.baseUrl}/app/link#${token}`);
      await page.getByRole('heading', { level: 1, name: 'Welkom!' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/welcome');
      expect(new URL(page.url()).hash).toBe('');
      expect(await page.getByTestId('welcome-start-date').textContent()).toBe(startDate);
      await page.getByTestId('welcome-tasks').waitFor();
      expect(await page.getByTestId('welcome-tasks').textContent()).toContain(
        'Vraag je verklaring omtrent het gedrag (VOG) aan',
      );
      await page.getByText('Aangemeld als Nieuwe medewerker', { exact: false }).waitFor();
      await expectAccessible(page, 'welcome');
      await page.screenshot({ path: join(SCREENSHOTS, 'welcome-new-hire.png'), fullPage: true });
      await page.context().close();
    });

    it('lets the mentor asked for the hire accept from the link in the request mail the journey sent them', async () => {
      const hireView = async (): Promise<any> => (await asHr('GET', `/hires/${hireId}`)).json();
      await waitFor(hireView, (view: any) => view.mentor?.status === 'asked', 30_000);
      // The journey asks the mentor by mail; the link in it is the mentor's way in.
      const page = await openMentorRequestFromMail(suite, mentorEmail, { hireId, displayName: 'Sanne de Vries' });
      expect(await page.getByTestId('mentor-request-start-date').textContent()).toBe(startDate);
      await expectAccessible(page, 'mentor request');
      await page.getByRole('button', { name: 'Ja, ik word mentor' }).click();
      await page.getByText('Dank je! Je bent nu de mentor', { exact: false }).waitFor();
      await expectAccessible(page, 'mentor request answered');
      await page.screenshot({ path: join(SCREENSHOTS, 'mentor-request.png'), fullPage: true });
      const view = await waitFor(hireView, (answered: any) => answered.mentor?.status === 'accepted', 20_000);
      expect(view.mentor.mentorRef).toBe('ms-web');
      // On the audit trail as the person the link was for, as their work account would name them.
      const accepted = [];
      for await (const event of suite.system.store.readStream(hireStreamName({ organisationId, hireId })))
        if (event.type === 'MentorAccepted') accepted.push(event);
      expect(accepted.map((event) => event.metadata.actor)).toEqual(['person:ms-web']);
      await page.context().close();
    });

    it("says in the page's words that a used link works only once", async () => {
      const page = await openDutchPage(suite.browser);
      await page.goto(`${suite.system.baseUrl}/app/link#${token}`);
      const alert = page.locator('[data-problem-type="/problems/magic-link-used"]');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Link al gebruikt');
      await expectAccessible(page, 'used link');
      await page.screenshot({ path: join(tmpdir(), 'magic-link-used.png'), fullPage: true });
      await page.context().close();
    });
  },
);
