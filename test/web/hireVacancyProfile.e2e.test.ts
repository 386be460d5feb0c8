import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { requestsWith } from '../support/apiRequest';
import { readJson } from '../support/httpAnswers';
import { acceptForAskedMentor, offerRivierenlandMentor, registerHire } from '../support/hireRegistrations';
import { SCREENSHOTS, expectAccessible, signInDev as signInAs, describeWebAppSuite } from '../support/browser';
import { waitFor } from '../support/waitFor';
import { daysFromToday } from '../support/daysFromToday';

/**
 * Stage 1, profielbepaling, in headless Chromium against the running system: the mentor of a hire and their manager
 * see what the vacancy profile expects of the hire and which talents it asks; another mentor does not.
 */
describeWebAppSuite("the vacancy profile on the mentor's and the manager's pages", { timeoutMs: 240_000 }, (suite) => {
  const organisationId = `web-${randomUUID().slice(0, 8)}`;
  const hireId = `h-profiel-${randomUUID().slice(0, 6)}`;
  const mentorRef = 'mnt-profiel';
  const managerRef = 'mgr-profiel';
  const startDate = daysFromToday(20);
  const expectations = ['Begeleidt gezinnen zelfstandig na de inwerkperiode', 'Neemt deel aan intervisie'];
  const talents = ['Verbinden', 'Veerkracht'];

  // No X-Role: the set-up acts as dev mode's default role; the stranger below names its own.
  const send = requestsWith(() => suite.system.baseUrl, organisationId, {});
  const signInDev = (role: string, personRef?: string) =>
    signInAs(suite.page, suite.system.baseUrl, organisationId, role, personRef);

  beforeAll(async () => {
    await offerRivierenlandMentor(send, mentorRef, {
      displayName: 'Joris Bakker',
      email: 'joris.profiel@example.test',
      experienceYears: 8,
    });
    const profile = await send('PUT', '/vacancy-profiles/jeugdzorgwerker-tiel', {
      version: 1,
      role: 'Jeugdzorgwerker',
      team: 'Team Rivierenland',
      location: 'Tiel',
      expectations,
      talents,
      offer: ['Eerste maand zonder caseload'],
      templateId: 'rivierenland-team',
      contactPersonRef: 'hr-anna',
    });
    expect(profile.status).toBe(200);
    await registerHire(send, {
      hireId,
      startDate,
      vacancyProfileId: 'jeugdzorgwerker-tiel',
      managerRef,
      manager: { displayName: 'Mohamed Yilmaz', email: 'mohamed.profiel@example.test', language: 'nl' },
      newHire: { displayName: 'Sanne de Vries', email: 'sanne.profiel@example.test', language: 'nl' },
    });
    // The journey asks the one mentor of the pool; HR answers for them, so the page opens on an accepted pairing.
    await acceptForAskedMentor(send, hireId, mentorRef);
    await waitFor(
      async () =>
        (await readJson(await send('GET', '/hires'))) as { hires: { hireId: string; mentorStatus?: string }[] },
      (list) => list.hires.some((hire) => hire.hireId === hireId && hire.mentorStatus === 'accepted'),
      30_000,
    );
  });

  const screenshot = (name: string) =>
    suite.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const items = (testId: string) =>
    suite.page.locator(`[data-hire-id="${hireId}"] [data-testid="${testId}"] li`).allInnerTexts();

  it("shows the mentor what their mentee's profile expects and asks, on the mentor's page", async () => {
    await signInDev('mentor', mentorRef);
    await suite.page.getByRole('link', { name: 'Mentor', exact: true }).click();
    await suite.page.getByRole('heading', { level: 1, name: 'Mentor zijn' }).waitFor();
    await suite.page.getByRole('heading', { level: 3, name: `Uit het vacatureprofiel van ${hireId}` }).waitFor();
    expect(await items('hire-expectations')).toEqual(expectations);
    expect(await items('hire-talents')).toEqual(talents);
    await suite.page.getByText('vacatureprofiel jeugdzorgwerker-tiel, versie 1').waitFor();
    await expectAccessible(suite.page, 'mentor page with the vacancy profile');
    await screenshot('mentor-vacancy-profile');

    // The same in English, from the catalogue.
    await suite.page.getByRole('button', { name: 'Read in English' }).click();
    await suite.page.getByRole('heading', { level: 3, name: `From the vacancy profile of ${hireId}` }).waitFor();
    await suite.page.getByRole('heading', { name: 'What we expect of this colleague' }).waitFor();
    await suite.page.getByRole('heading', { name: 'Which talents we ask' }).waitFor();
    await expectAccessible(suite.page, 'mentor page with the vacancy profile (English)');
    await suite.page.getByRole('button', { name: 'Lees in het Nederlands' }).click();
    await suite.page.getByRole('button', { name: 'Afmelden' }).click();
  });

  it("shows it on the manager's view of the hire", async () => {
    await signInDev('manager', managerRef);
    await suite.page.goto(`${suite.system.baseUrl}/app/hires/${hireId}`);
    await suite.page.getByRole('heading', { level: 2, name: 'Uit het vacatureprofiel' }).waitFor();
    expect(await items('hire-expectations')).toEqual(expectations);
    expect(await items('hire-talents')).toEqual(talents);
    await suite.page.getByRole('heading', { name: 'Wat we van deze collega verwachten' }).waitFor();
    await expectAccessible(suite.page, "manager's view of the hire with the vacancy profile");
    await screenshot('hire-vacancy-profile');
    await suite.page.getByRole('button', { name: 'Afmelden' }).click();
  });

  it('shows nothing of it to a mentor of another hire, whom the API answers as if the hire did not exist', async () => {
    const stranger = await send('GET', `/hires/${hireId}/vacancy-profile`, undefined, {
      'x-role': 'mentor',
      'x-person-ref': 'mnt-someone-else',
    });
    expect(stranger.status).toBe(404);
    await signInDev('mentor', 'mnt-someone-else');
    await suite.page.goto(`${suite.system.baseUrl}/app/hires/${hireId}`);
    await suite.page.getByText('Deze medewerker bestaat niet').waitFor();
    expect(await suite.page.getByTestId('hire-vacancy-profile').count()).toBe(0);
    await suite.page.getByRole('button', { name: 'Afmelden' }).click();
  });
});
