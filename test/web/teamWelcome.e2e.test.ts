import { join } from 'node:path';
import { SCREENSHOTS, expectAccessible, openDutchPage } from '../support/browser';
import { describeMailedLinkSuite } from '../support/mailedLinkSuite';
import { registerHire } from '../support/hireRegistrations';
import { daysFromToday } from '../support/daysFromToday';

/**
 * A colleague opens the team's welcome link the manager was mailed, writes a welcome without signing in, and the
 * new hire's own welcome page shows it, with the name as the colleague typed it.
 */
describeMailedLinkSuite(
  "the team's welcome, in headless Chromium",
  'h-team',
  (suite, { organisationId, hireId, asHr }) => {
    const managerEmail = 'margriet.team@example.test';
    const startDate = daysFromToday(20);
    const message =
      'Wat fijn dat je komt! We kijken uit naar je frisse blik op de teamoverleggen en naar koffie samen.';

    beforeAll(async () => {
      await registerHire(asHr, {
        hireId,
        startDate,
        role: 'Jeugdzorgwerker',
        team: 'Team Rivierenland',
        managerRef: 'mgr-margriet',
        manager: { displayName: 'Margriet Leidinga', email: managerEmail, language: 'nl' },
        newHire: { displayName: 'Sanne de Vries', email: 'sanne.team@example.test', language: 'nl' },
      });
    });

    it('lets a colleague write from the forwarded link, and shows it on the new hire’s welcome page', async () => {
      const request = await suite.smtp.firstTo(managerEmail, 'Heet Sanne de Vries welkom');
      const link = /^\S+(\/app\/team-welcome#stw_\S+)$/m.exec(request.parsed.text ?? '')?.[1];
      if (!link) throw new Error(`no team welcome link in the manager's mail:\n${request.parsed.text}`);

      const colleague = await openDutchPage(suite.browser);
      await colleague.goto(`${suite.system.baseUrl}${link}`);
      await colleague.getByRole('heading', { level: 1, name: 'Heet Sanne de Vries welkom' }).waitFor();
      expect(new URL(colleague.url()).hash).toBe('');
      // Only spaces first: refused in the page's words, nothing kept.
      await colleague.locator('#team-welcome-author').fill('Joost van Team Rivierenland');
      await colleague.locator('#team-welcome-text').fill('   ');
      await colleague.getByRole('button', { name: 'Verstuur' }).click();
      await colleague.locator('[data-problem-type="/problems/invalid-request"]').waitFor();
      expect(await colleague.getByText('mag niet leeg zijn of alleen uit spaties bestaan').count()).toBeGreaterThan(0);
      await expectAccessible(colleague, 'team welcome refused');

      await colleague.locator('#team-welcome-text').fill(message);
      await expectAccessible(colleague, 'team welcome filled in');
      await colleague.screenshot({ path: join(SCREENSHOTS, 'team-welcome-write.png'), fullPage: true });
      await colleague.getByRole('button', { name: 'Verstuur' }).click();
      await colleague.getByTestId('team-welcome-thanks').waitFor();
      await expectAccessible(colleague, 'team welcome sent');
      await colleague.context().close();

      const hire = await openDutchPage(suite.browser);
      const hireLink = suite.system.magicLinks.signer.issueLink({
        organisationId,
        personRef: hireId,
        role: 'new-hire',
        purpose: 'welcome',
        hireId,
      });
      await hire.goto(`${suite.system.baseUrl}/app/link#${hireLink}`);
      const messages = hire.getByTestId('welcome-team-messages');
      await messages.waitFor();
      expect(await messages.textContent()).toContain(message);
      expect(await messages.textContent()).toContain('— Joost van Team Rivierenland');
      await expectAccessible(hire, 'welcome page with the team messages');
      await hire.screenshot({ path: join(SCREENSHOTS, 'team-welcome-on-welcome-page.png'), fullPage: true });
      await hire.context().close();
    });
  },
);
