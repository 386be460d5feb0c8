import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { OidcProvider } from '../../services/shared/oidcProviders';
import { hireStreamName } from '../../services/event-store/streamNames';
import type { RecordedEvent } from '../../services/event-store/eventStore';
import { addDays } from '../../workflows/domain/calendar';
import { sendReminderDigests } from '../../services/worker/reminderDigest';
import { withDigestDeps } from '../support/reminderDigestDeps';
import { apiRequest, requestsWithApiKey } from '../support/apiRequest';
import { hireInTiel, registerHire } from '../support/hireRegistrations';
import {
  SCREENSHOTS,
  browserSuiteSkip,
  expectAccessible,
  launchChromium,
  openDutchPage,
  stopWebAppSuite,
} from '../support/browser';
import { CertifiedOp } from '../support/certifiedOp';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeUnless } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';
import { daysFromToday } from '../support/daysFromToday';

const repo = join(__dirname, '../..');
const [missingService, skipReason] = browserSuiteSkip();
const AUDIENCE = 'api://soft-landing-web-test';
const CLIENT_ID = 'soft-landing-web';

/**
 * Signing in with a work account in headless Chromium: two organisations, each with its own certified OpenID
 * provider (npm oidc-provider) in OIDC_PROVIDERS. The whole redirect flow runs — the app's button, the provider's
 * login and consent pages, the code traded with PKCE for a JWT access token, GET /session — and the person lands on
 * their role's page, from the link in their mail where there is one.
 */
describeUnless(
  missingService,
  skipReason,
  'signing in with a work account (OIDC code + PKCE) in headless Chromium',
  () => {
    jest.setTimeout(240_000);
    const run = randomUUID().slice(0, 8);
    const noord = `noord-${run}`;
    const zuid = `zuid-${run}`;
    const hireId = `h-oidc-${run}`;
    const managerRef = `mgr-oidc-${run}`;
    const managerEmail = `karim-${run}@noord.example`;
    // 16 days ahead: the manager's "read the CV" task is due 14 days before day one, its reminder two days before that: today.
    const startDate = daysFromToday(16);
    let providers: { noord: CertifiedOp; zuid: CertifiedOp };
    let system: RunningSystem;
    let smtp: SmtpSink;
    let browser: Browser;

    beforeAll(async () => {
      execFileSync('bash', [join(repo, 'infra/web/build-if-stale.sh')], { stdio: 'inherit', timeout: 180_000 });
      providers = { noord: await CertifiedOp.start(), zuid: await CertifiedOp.start() };
      const provider = (op: CertifiedOp, organisationId: string, displayName: string): OidcProvider => ({
        issuer: op.issuer,
        audience: AUDIENCE,
        organisationId,
        clientId: CLIENT_ID,
        scopes: 'openid api',
        resource: AUDIENCE,
        displayName,
      });
      smtp = await SmtpSink.start();
      system = await startSystem({
        kafka: false,
        smtpUrl: smtp.url,
        auth: 'required',
        oidcProviders: [
          provider(providers.noord, noord, 'Jeugdzorg Noord'),
          provider(providers.zuid, zuid, 'Jeugdzorg Zuid'),
        ],
      });
      const clients = [{ clientId: CLIENT_ID, redirectUri: `${system.baseUrl}/app/signed-in` }];
      await providers.noord.configure({
        clients,
        audience: AUDIENCE,
        accounts: {
          'hr.noord': { roles: ['hr-advisor'] },
          karim: { roles: ['manager'], person_ref: managerRef },
          // Signs in at the provider, but holds none of this API's roles.
          'zonder.rol': { roles: ['payroll'] },
        },
      });
      await providers.zuid.configure({
        clients,
        audience: AUDIENCE,
        accounts: { 'hr.zuid': { roles: ['hr-advisor'] } },
      });
      browser = await launchChromium();

      await registerHire(
        requestsWithApiKey(system, noord, 'hr-advisor'),
        hireInTiel(hireId, startDate, {
          team: 'Team Noord',
          managerRef,
          manager: { displayName: 'Karim Amrani', email: managerEmail, language: 'nl' },
        }),
      );
    });

    afterAll(async () => {
      await stopWebAppSuite({ browser, system, smtp });
      await providers?.noord.stop();
      await providers?.zuid.stop();
    });

    // A context per person: the providers' cookies (both on 127.0.0.1) and the app's session stay theirs.
    const newPage = () => openDutchPage(browser);

    /** From an app page: the provider's button, then the provider's own pages, the account by its login. */
    async function signIn(from: string, provider: 'noord' | 'zuid', login: string): Promise<Page> {
      const page = await newPage();
      await page.goto(`${system.baseUrl}${from}`);
      await page
        .getByRole('button', {
          name: `Aanmelden met je werkaccount (${provider === 'noord' ? 'Jeugdzorg Noord' : 'Jeugdzorg Zuid'})`,
        })
        .click();
      await page.waitForURL((url) => url.origin === providers[provider].issuer);
      await signInAtProvider(page, login);
      return page;
    }

    /** At the provider's own pages (its development login and consent): any password, the account by its login. */
    async function signInAtProvider(page: Page, login: string): Promise<void> {
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
    }

    const events = async (organisationId: string, id: string) => {
      const read: RecordedEvent[] = [];
      for await (const event of system.store.readStream(hireStreamName({ organisationId, hireId: id })))
        read.push(event);
      return read;
    };

    it("takes the manager from the task link in their mail, through the provider's sign-in, to their inbox, where one click completes the task", async () => {
      // Reminders come as the day's digest (reminder-digest-v1): the first working day from the manager's due date
      // on which it lists their task, sent as the API process's schedule sends it.
      const [task] = await waitFor(
        () =>
          system.readModels
            .prepare(`SELECT due_date FROM open_tasks WHERE org = ? AND hire_id = ? AND owner_role = 'manager'`)
            .all(noord, hireId) as { due_date: string }[],
        (rows) => rows.length > 0,
        30_000,
      );
      await withDigestDeps(
        system,
        smtp.url,
        async (deps) => {
          for (let day = task!.due_date, tries = 0; tries < 7; day = addDays(day, 1), tries += 1)
            if ((await sendReminderDigests(deps, { organisationId: noord, day })).sent > 0) break;
        },
        'http://soft-landing.test',
      );
      const reminder = await smtp.firstTo(managerEmail, 'Je overzicht van vandaag');
      const link = /^(https?:\/\/\S+\/app\/\S*)$/m.exec(reminder.parsed.text ?? '')?.[1];
      expect(link).toBe('http://soft-landing.test/app/tasks');
      expect(reminder.parsed.text).not.toContain('#sml_'); // a manager has a work account: no magic link

      const page = await newPage();
      // The mail names PUBLIC_BASE_URL; the system under test listens elsewhere, with the same path.
      await page.goto(`${system.baseUrl}${new URL(link!).pathname}`);
      await page.getByRole('heading', { level: 2, name: 'Aanmelden met je werkaccount' }).waitFor();
      await expectAccessible(page, 'sign-in with work accounts');
      await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });
      await page.getByRole('button', { name: 'Aanmelden met je werkaccount (Jeugdzorg Noord)' }).click();

      // The provider's pages, on its own origin: the request is the code flow with PKCE (S256) for the API's resource.
      await page.waitForURL((url) => url.origin === providers.noord.issuer);
      await signInAtProvider(page, 'karim');
      await page.getByRole('heading', { level: 1, name: 'Mijn taken' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/tasks');
      await page.getByText('Aangemeld als Leidinggevende', { exact: false }).waitFor();
      const complete = page.getByRole('button', {
        name: `Afronden: Lees het cv en vraag de sollicitatiecommissie wat opviel (${hireId})`,
      });
      await complete.waitFor();
      await expectAccessible(page, 'tasks inbox after a work-account sign-in');
      await complete.click();
      await page.getByText('Afgerond: Lees het cv', { exact: false }).waitFor();

      // On record in the hire's stream, attributed to the manager as a person (the token's person_ref).
      const completed = await waitFor(
        () => events(noord, hireId),
        (read) => read.some((event) => event.type === 'TaskCompleted'),
        20_000,
      );
      expect(
        completed
          .filter((event) => event.type === 'TaskCompleted')
          .map((event) => ({ itemId: event.data.itemId, actor: event.metadata.actor })),
      ).toEqual([{ itemId: 'task:read-cv-and-ask-interviewers', actor: `person:${managerRef}` }]);
      await page.context().close();
    });

    it('lands an HR advisor on the hires overview of their organisation', async () => {
      const page = await signIn('/app/', 'noord', 'hr.noord');
      await page.waitForURL((url) => url.pathname === '/app/hires');
      await page.getByText(`Aangemeld als HR-adviseur bij ${noord}`, { exact: false }).waitFor();
      await page.getByRole('link', { name: hireId }).first().waitFor();
      await page.context().close();
    });

    it("gives a sign-in at another organisation's provider that organisation only: its token reaches nothing of the first", async () => {
      const page = await signIn(`/app/hires/${hireId}`, 'zuid', 'hr.zuid');
      await page.getByText(`Aangemeld als HR-adviseur bij ${zuid}`, { exact: false }).waitFor();
      // The page asked for is opened, and the API answers it as a hire Zuid does not have.
      expect(new URL(page.url()).pathname).toBe(`/app/hires/${hireId}`);

      const { accessToken } = JSON.parse(
        (await page.evaluate<string>("sessionStorage.getItem('soft-landing.session')"))!,
      ) as { accessToken: string };
      expect(accessToken.split('.')).toHaveLength(3); // the provider's JWT access token, as the browser sends it
      const as = (organisationId: string, path: string) =>
        apiRequest(system.baseUrl, organisationId, 'GET', path, undefined, { authorization: `Bearer ${accessToken}` });
      const session = await as(zuid, '/session');
      expect(await session.json()).toEqual({ organisationId: zuid, roles: ['hr-advisor'], via: 'oidc' });
      const crossing = await as(noord, `/hires/${hireId}`);
      expect([crossing.status, ((await crossing.json()) as { type: string }).type]).toEqual([
        403,
        '/problems/organisation-forbidden',
      ]);
      const own = await as(zuid, `/hires/${hireId}`);
      expect([own.status, ((await own.json()) as { type: string }).type]).toEqual([404, '/problems/hire-not-found']);
      await page.context().close();
    });

    it("opens nothing for an account the provider knows but with none of the API's roles, and says so in the page's language", async () => {
      const page = await signIn('/app/', 'noord', 'zonder.rol');
      const alert = page.locator('[data-problem-type="/problems/unauthenticated"]');
      await alert.waitFor();
      expect(await page.getByText('Zachte Landing neemt dit account niet aan', { exact: false }).count()).toBe(1);
      expect(new URL(page.url()).pathname).toBe('/app/signed-in');
      expect(await page.evaluate("sessionStorage.getItem('soft-landing.session')")).toBeNull();
      await expectAccessible(page, 'work account refused');
      await page.screenshot({ path: join(tmpdir(), 'work-account-refused.png'), fullPage: true });
      await page.context().close();
    });
  },
);
