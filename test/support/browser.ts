import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { type RunningSystem, startSystem } from './runningSystem';
import { describeUnless, unavailableVariable } from './serviceAvailability';
import { SmtpSink } from './smtpSink';
import { readThrough } from './readThrough';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it): Playwright's own download cannot work here. */
export const CHROMIUM = '/usr/bin/chromium';
/** Where the browser suites write the screenshots the README shows. */
export const SCREENSHOTS = join(__dirname, '../../docs/screenshots');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What a browser suite lacks, for describeUnless: the running system's Temporal first, then Chromium. */
export function browserSuiteSkip(): [service: string, reason: string | undefined] {
  const temporalMissing = process.env[unavailableVariable('temporal')];
  if (temporalMissing) return ['temporal', `temporal: ${temporalMissing}`];
  return existsSync(CHROMIUM)
    ? ['chromium', undefined]
    : ['chromium', `no Chromium at ${CHROMIUM} (apt-get install chromium)`];
}

/**
 * Headless Chromium as root on a closed network: without the background-networking flags it floods the network
 * with connections that are refused.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A desktop-sized context in Dutch, as an HR advisor's browser is (axe wants a context of its own). */
export function dutchContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
}

/**
 * A fresh page in a Dutch context of its own, with the suites' 20 s default timeout: one per person, so that one
 * person's session (and a provider's cookies) never reach another's page.
 */
export async function openDutchPage(browser: Browser): Promise<Page> {
  const context = await dutchContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Zero WCAG 2.1 A/AA violations on the page as it stands; what axe found is printed when there is any. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  if (violations.length > 0) {
    console.error(
      `axe on ${name}:\n` +
        violations
          .map(
            (v) =>
              `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary}`).join('\n')}`,
          )
          .join('\n'),
    );
  }
  expect(violations.map((v) => `${name}: ${v.id}`)).toEqual([]);
}

/** Switches the page to English: the switch is a button on some pages and a link on others, the first one counts. */
export async function readInEnglish(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: 'Read in English' })
    .or(page.getByRole('link', { name: 'Read in English' }))
    .first()
    .click();
}

/** Signs in with the dev-mode role picker (SOFT_LANDING_AUTH_MODE=dev) as one role of one organisation. */
export async function signInDev(
  page: Page,
  baseUrl: string,
  organisationId: string,
  role: string,
  personRef?: string,
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('#dev-role').selectOption(role);
  if (personRef) await page.locator('#dev-person').fill(personRef);
  await page.locator('#dev-organisation').fill(organisationId);
  await page.locator('form[aria-labelledby="dev-heading"] button[type="submit"]').click();
}

/** What a browser suite of the web app runs against: the system with an SMTP sink, and one Dutch page in Chromium. */
export interface WebAppSuite {
  readonly system: RunningSystem;
  readonly smtp: SmtpSink;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/** How a browser suite's system differs from the default (dev-mode auth, no Kafka, mail to the suite's SMTP sink). */
export type WebAppSystemOptions = Omit<Parameters<typeof startSystem>[0], 'kafka' | 'smtpUrl'>;

/** Builds the web app when stale (the API serves web/dist), starts the system and opens a page with a 20 s default timeout. */
export async function startWebAppSuite(systemOptions: WebAppSystemOptions = {}): Promise<WebAppSuite> {
  execFileSync('bash', [join(__dirname, '../../infra/web/build-if-stale.sh')], { stdio: 'inherit', timeout: 180_000 });
  const smtp = await SmtpSink.start();
  const system = await startSystem({ kafka: false, smtpUrl: smtp.url, ...systemOptions });
  const browser = await launchChromium();
  const page = await openDutchPage(browser);
  return { system, smtp, browser, context: page.context(), page };
}

/** Closes what startWebAppSuite opened, browser first; a suite whose start failed closes what it got. */
export async function stopWebAppSuite(suite: Partial<WebAppSuite> | undefined): Promise<void> {
  await suite?.browser?.close();
  await suite?.system?.stop();
  await suite?.smtp?.stop();
}

/**
 * A browser suite of the web app: skipped with browserSuiteSkip's reason in its title when Temporal or Chromium is
 * missing (describeUnless prints it), else `timeoutMs` for each test and hook, the system started before the body's
 * own beforeAll hooks and stopped after its afterAll hooks. `body` gets the suite before it runs, so its fields are
 * getters: read them in hooks and tests; one read before the start (or after a failed one) says so.
 */
export function describeWebAppSuite(
  title: string,
  settings: { timeoutMs: number; system?: WebAppSystemOptions },
  body: (suite: WebAppSuite) => void,
): void {
  const [missingService, skipReason] = browserSuiteSkip();
  describeUnless(missingService, skipReason, title, () => {
    jest.setTimeout(settings.timeoutMs);
    let started: WebAppSuite | undefined;
    const running = (): WebAppSuite => {
      if (!started) throw new Error(`${title}: the web app suite is not running (its start failed or has not run yet)`);
      return started;
    };
    const suite = readThrough(running, { system: true, smtp: true, browser: true, context: true, page: true });
    beforeAll(async () => {
      started = await startWebAppSuite(settings.system);
    });
    body(suite);
    // Declared after the body's hooks, so Jest runs it after theirs: they may still need the system.
    afterAll(() => stopWebAppSuite(started));
  });
}
