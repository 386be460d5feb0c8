import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, Page } from 'playwright-core';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { rvdkTemplate } from '../../workflows/domain/defaultTemplates';
import { DEFAULT_QUESTIONNAIRE } from '../../workflows/domain/questionnaire';
import { apiRequest } from '../support/apiRequest';
import { SCREENSHOTS, browserSuiteSkip, dutchContext, expectAccessible, launchChromium } from '../support/browser';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeUnless, unavailableVariable } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { answerSurveyWave, surveyStoreOf } from '../support/surveyRespondents';
import { createTimeSkippingEnvironment } from '../support/timeSkipping';
import { sendLinkForm } from '../support/linkFormSending';

const repo = join(__dirname, '../..');
const [missingBrowserService, browserSkip] = browserSuiteSkip();
const testServerMissing = process.env[unavailableVariable('temporal-test-server')];
const [missingService, skipReason] = testServerMissing
  ? ['temporal-test-server', `temporal-test-server: ${testServerMissing}`]
  : [missingBrowserService, browserSkip];
const DAY_MS = 24 * 60 * 60 * 1000;
const INVITATION_SUBJECT = 'Hoe waren je eerste 90 dagen';
const REMINDER_SUBJECT = 'Herinnering: je ervaring';
const linkIn = (text: string | undefined) => /\/app\/survey#(sst_[0-9a-f]{32}\.[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];

/**
 * The 90-day survey as people meet it, on Temporal's time-skipping server so that a week passes in a moment: six
 * new hires of one team get the invitation with a personal link at the SMTP sink, the first answers on a phone in
 * Chromium, four more answer, the reminder goes only to the one who did not, and HR's report shows nothing until
 * five of the team answered, then the team.
 */
describeUnless(missingService, skipReason, 'the survey in headless Chromium', () => {
  jest.setTimeout(300_000);
  const organisationId = `survey-${randomUUID().slice(0, 8)}`;
  const hires = Array.from({ length: 6 }, (_, index) => ({
    hireId: `h-enq-${index}-${randomUUID().slice(0, 4)}`,
    name: `Nieuwe Collega ${'ABCDEF'[index]}`,
    email: `nieuw${index}@enquete.test`,
  }));
  let env: TestWorkflowEnvironment;
  let system: RunningSystem;
  let smtp: SmtpSink;
  let browser: Browser;
  let hrKey: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    execFileSync('bash', [join(repo, 'infra/web/build-if-stale.sh')], { stdio: 'inherit', timeout: 180_000 });
    env = await createTimeSkippingEnvironment();
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, smtpUrl: smtp.url, auth: 'required', temporalAddress: env.address });
    browser = await launchChromium();
    hrKey = system.apiKeys.issue({ organisationId, roles: ['hr-advisor'], label: 'HR', createdBy: 'test' }).token;
    // Started 95 days ago: the invitation (day 90) is due at once, the reminder (a week later) in two days.
    const startDate = addDays(isoDateOfEpochMs(Date.now()), -95);
    for (const hire of hires) {
      const registered = await apiRequest(
        system.baseUrl,
        organisationId,
        'POST',
        '/hires',
        {
          hireId: hire.hireId,
          startDate,
          role: 'Jeugdzorgwerker',
          team: 'Team Noord',
          location: 'Tiel',
          templateId: rvdkTemplate.id,
          newHire: { displayName: hire.name, email: hire.email, language: 'nl' },
        },
        { authorization: `Bearer ${hrKey}`, 'idempotency-key': randomUUID() },
      );
      expect(registered.status).toBe(201);
    }
    for (const hire of hires) {
      const invitation = await smtp.firstTo(hire.email, INVITATION_SUBJECT, 60_000);
      const token = linkIn(invitation.parsed.text);
      if (!token) throw new Error(`no survey link in the invitation:\n${invitation.parsed.text}`);
      expect(invitation.parsed.text).not.toContain(hire.hireId);
      tokens.set(hire.hireId, token);
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await smtp?.stop();
    await env?.teardown();
  });

  async function phonePage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'nl-NL',
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  /** HR signed in with its API key on one of its pages: the survey report unless said otherwise. */
  async function reportPage(path = '/app/survey-reports', title = 'Vragenlijst na 90 dagen'): Promise<Page> {
    const page = await (await dutchContext(browser)).newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${system.baseUrl}${path}`);
    await page.locator('#api-key').fill(hrKey);
    await page.locator('#key-organisation').fill(organisationId);
    await page.locator('form[aria-labelledby="key-heading"] button[type="submit"]').click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    return page;
  }

  /** As a person does it: a tap on the answer's label. */
  const choose = async (page: Page, itemId: string, value: number) => {
    const id = await page.locator(`input[name="${itemId}"][value="${value}"]`).getAttribute('id');
    await page.locator(`label[for="${id}"]`).click();
  };

  const answerByApi = async (hireId: string) => {
    const answers = DEFAULT_QUESTIONNAIRE.items
      .filter((item) => item.kind !== 'open')
      .map((item) => ({ itemId: item.id, value: item.kind === 'enps' ? 8 : 4 }));
    const response = await fetch(`${system.baseUrl}/survey/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: tokens.get(hireId), answers }),
    });
    expect(response.status).toBe(202);
  };

  it('opens the link from the mail on a phone, keeps progress on the device, and takes the answers once', async () => {
    const page = await phonePage();
    await page.goto(`${system.baseUrl}/app/survey#${tokens.get(hires[0]!.hireId)}`);
    await page.getByRole('heading', { level: 1, name: 'Je eerste 90 dagen' }).waitFor();
    // The token is out of the address (no history entry, no bookmark) at once; no sign-in was asked.
    expect(new URL(page.url()).hash).toBe('');
    const scaleItems = DEFAULT_QUESTIONNAIRE.items.filter((item) => item.kind !== 'open');
    await page
      .getByTestId('survey-progress')
      .filter({ hasText: `0 van ${scaleItems.length} vragen beantwoord` })
      .waitFor();
    for (const item of scaleItems.slice(0, 5)) await choose(page, item.id, item.kind === 'enps' ? 9 : 5);
    await page
      .getByTestId('survey-progress')
      .filter({ hasText: `5 van ${scaleItems.length}` })
      .waitFor();
    // A reload (the phone closed the tab) finds the five answers on the device.
    await page.reload();
    await page
      .getByTestId('survey-progress')
      .filter({ hasText: `5 van ${scaleItems.length}` })
      .waitFor();
    expect(await page.evaluate("window.localStorage.getItem('soft-landing.survey')")).toContain('"answers"');
    for (const item of scaleItems.slice(5)) await choose(page, item.id, item.kind === 'enps' ? 9 : 4);
    await page.locator('#survey-open-keep-doing').fill('De koffie met mijn mentor op maandag.');
    // The top of the page as the phone shows it: title, the promise of anonymity, progress, the first questions.
    await sendLinkForm(page, page, { name: 'survey', screenshot: 'survey.png', fullPage: false });
    expect(await page.evaluate("window.localStorage.getItem('soft-landing.survey')")).toBeNull();
    await expectAccessible(page, 'survey sent');
    await page.context().close();
    // The link works once: opened again from the mail, it says so.
    const again = await phonePage();
    await again.goto(`${system.baseUrl}/app/survey#${tokens.get(hires[0]!.hireId)}`);
    const alert = again.locator('[data-problem-type="/problems/survey-link-spent"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Al ingevuld');
    await again.context().close();
  });

  it('shows HR nothing until five of the team answered, then the team; reminds only who did not answer', async () => {
    const page = await reportPage();
    await page.getByTestId('survey-nothing-yet').waitFor();
    expect(await page.getByTestId('survey-invited').textContent()).toBe('6');
    for (const hire of hires.slice(1, 4)) await answerByApi(hire.hireId);
    await page.reload();
    await page.getByTestId('survey-nothing-yet').waitFor(); // four answers wait in the pool: nothing is shown
    await answerByApi(hires[4]!.hireId);
    await page.reload();
    await page.getByTestId('survey-responses').filter({ hasText: '5 (83%)' }).waitFor();
    const teamRow = page.getByTestId('survey-groups').getByRole('row', { name: /Team Noord/ });
    expect(await teamRow.textContent()).toContain('5 (83%)');
    await page.getByText('De koffie met mijn mentor op maandag.').waitFor();
    await page.locator('figure.sl-chart svg').first().waitFor();
    // The trends across rounds: this round's five answers and its year, the same five (no other round to hide).
    const trendAnswers = page.getByTestId('survey-trends').getByRole('row', { name: /^Antwoorden/ });
    await trendAnswers.waitFor();
    expect((await trendAnswers.getByRole('cell').allTextContents()).slice(-2)).toEqual(['5', '5']);
    await page.getByRole('button', { name: 'Download het verloop (CSV)' }).waitFor();
    // The same trends per team: Team Noord's five answers in this round and its year, as the API shows them.
    const noordTrend = page.getByTestId('survey-group-trends').getByRole('row', { name: /Team Noord/ });
    expect((await noordTrend.getByRole('cell').allTextContents()).slice(-2)).toEqual([
      expect.stringMatching(/^5 antwoorden/),
      expect.stringMatching(/^5 antwoorden/),
    ]);
    await expectAccessible(page, 'survey report');
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-report.png'), fullPage: true });
    await page
      .getByTestId('survey-group-trends-section')
      .screenshot({ path: join(SCREENSHOTS, 'survey-group-trends.png') });

    // The open answer names someone's habit: HR redacts it, and must say why first.
    const text = 'De koffie met mijn mentor op maandag.';
    await page.getByRole('button', { name: /^Onleesbaar maken: De koffie met mijn mentor/ }).click();
    const form = page.getByTestId('redaction-form');
    await form.getByRole('button', { name: 'Definitief onleesbaar maken' }).click();
    await form.locator('[data-problem-type="/problems/invalid-request"]').waitFor();
    await form.getByLabel('Waarom?').fill('Noemt een vaste afspraak die iemand herkenbaar maakt');
    await expectAccessible(page, 'survey report, redacting');
    await form.getByRole('button', { name: 'Definitief onleesbaar maken' }).click();
    await page.getByText('Onleesbaar gemaakt door HR').waitFor();
    expect(await page.getByText(text).count()).toBe(0);
    await expectAccessible(page, 'survey report, redacted');
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-redaction.png'), fullPage: true });
    await page.context().close();

    // A week on: the reminder goes to the one hire whose link is unspent, with that same link, and to nobody else.
    await env.sleep(3 * DAY_MS);
    const silent = hires[5]!;
    const reminder = await smtp.firstTo(silent.email, REMINDER_SUBJECT, 60_000);
    expect(linkIn(reminder.parsed.text)).toBe(tokens.get(silent.hireId));
    for (const hire of hires.slice(0, 5))
      expect(smtp.to(hire.email).filter((mail) => mail.parsed.subject?.startsWith(REMINDER_SUBJECT))).toEqual([]);
  });

  it('runs the yearly analysis on the report page: the statements that keep scoring worst, and a task for their owner', async () => {
    // Two rounds of 2025 in which the workload and the one contact person score among the worst three both times.
    const answers = surveyStoreOf(system);
    try {
      for (const [waveId, values] of [
        ['ninety-days-2025-Q1', { 'ingredient-workload': 1, 'guidance-mentor': 2, 'recruitment-one-contact': 2 }],
        ['ninety-days-2025-Q2', { 'need-belonging': 1, 'ingredient-workload': 2, 'recruitment-one-contact': 2 }],
      ] as const)
        await answerSurveyWave(system.baseUrl, answers, { organisationId, waveId, respondents: 5, values });
    } finally {
      answers.close();
    }
    await system.directory.upsert({
      organisationId,
      personRef: 'werving-lead',
      displayName: 'Wendy Werving',
      email: 'wendy@enquete.test',
      language: 'nl',
    });

    const page = await reportPage();
    const section = page.getByTestId('survey-year-analysis');
    await section.getByRole('heading', { level: 2, name: 'Jaaranalyse' }).waitFor();
    // An owner must be someone the HR system knows: the API says so beside the field, and nothing is saved.
    const recruitmentOwner = section.getByLabel('Eigenaar van werving');
    await recruitmentOwner.fill('onbekend');
    await section.getByRole('button', { name: 'Eigenaren opslaan' }).click();
    await section.getByText('"onbekend" staat niet in het personenbestand van deze organisatie.').waitFor();
    await recruitmentOwner.fill('werving-lead');
    await section.getByRole('button', { name: 'Eigenaren opslaan' }).click();
    await section.getByText('Eigenaren opgeslagen.').waitFor();

    await section.getByLabel('Jaar').selectOption('2025');
    await section.getByText('Over 2025 is nog geen jaaranalyse gemaakt.').waitFor();
    await section.getByRole('button', { name: 'Jaaranalyse uitvoeren' }).click();
    const items = section.getByTestId('year-analysis-items');
    const workload = items.getByRole('row', { name: /Er is aandacht voor mijn werkdruk/ });
    await workload.waitFor();
    expect(await workload.getByRole('cell').allTextContents()).toEqual([
      'aantrekkelijke organisatie',
      'ninety-days-2025-Q1: 1.00; ninety-days-2025-Q2: 2.00',
    ]);
    expect(await items.getByRole('row').count()).toBe(3);
    const task = section.getByTestId('year-analysis-tasks').getByRole('row', { name: /werving/ });
    expect(await task.getByRole('cell').allTextContents()).toEqual([
      'werving-lead',
      addDays(isoDateOfEpochMs(Date.now()), 30),
      'Open',
    ]);
    expect(await section.getByTestId('year-analysis-unassigned').textContent()).toContain('aantrekkelijke organisatie');
    await expectAccessible(page, 'survey year analysis');
    await section.screenshot({ path: join(SCREENSHOTS, 'survey-year-analysis.png') });

    // Read afresh: the analysis is kept, with its one task.
    await page.reload();
    await section.getByLabel('Jaar').selectOption('2025');
    await section.getByTestId('year-analysis-tasks').waitFor();
    expect(await section.getByTestId('year-analysis-tasks').getByRole('row').count()).toBe(2);
    await page.context().close();
  });

  it("puts the yearly analysis's follow-up task in its owner's inbox: the owner completes it, HR sees it done", async () => {
    // The recruitment owner of the test above, here a mentor without an account: their mailed link opens the inbox.
    const link = system.magicLinks.signer.issueLink({
      organisationId,
      personRef: 'werving-lead',
      role: 'mentor',
      purpose: 'tasks',
      hireId: hires[0]!.hireId,
    });
    const owner = await (await dutchContext(browser)).newPage();
    owner.setDefaultTimeout(20_000);
    await owner.goto(`${system.baseUrl}/app/link#${link}`);
    await owner.getByRole('heading', { level: 1, name: 'Mijn taken' }).waitFor();
    const section = owner.getByTestId('survey-topic-tasks');
    await section.getByRole('heading', { level: 2, name: 'Vervolgtaken uit de jaaranalyse' }).waitFor();
    const dueOn = addDays(isoDateOfEpochMs(Date.now()), 30);
    const statement = DEFAULT_QUESTIONNAIRE.items.find((item) => item.id === 'recruitment-one-contact')!.text.nl;
    const row = section.getByRole('row', { name: /^werving \(2025\)/ });
    // A mentor may not read the questionnaire: the task brings the statement's wording.
    expect(await row.getByRole('cell').allTextContents()).toEqual([statement, dueOn, 'Open', 'Afronden']);
    expect(await section.getByRole('row').count()).toBe(2);
    await expectAccessible(owner, 'tasks inbox with a survey follow-up task');
    await owner.screenshot({ path: join(SCREENSHOTS, 'tasks-survey-follow-up.png'), fullPage: true });

    await row.getByRole('button', { name: 'Afronden: vervolgtaak werving (2025)' }).click();
    await owner.getByRole('status').filter({ hasText: 'Afgerond: vervolgtaak werving (2025)' }).waitFor();
    await row.getByRole('cell', { name: 'Afgerond' }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    await expectAccessible(owner, 'tasks inbox, survey follow-up task completed');
    // Read afresh: the completion is the API's, not the page's memory.
    await owner.reload();
    await row.getByRole('cell', { name: 'Afgerond' }).waitFor();
    await owner.context().close();

    // HR sees every follow-up task, with its owner.
    const hr = await reportPage('/app/tasks', 'Mijn taken');
    const hrRow = hr.getByTestId('survey-topic-tasks').getByRole('row', { name: /^werving \(2025\)/ });
    await hrRow.getByRole('cell', { name: 'Afgerond' }).waitFor();
    expect(await hrRow.getByRole('cell').allTextContents()).toEqual([statement, 'werving-lead', dueOn, 'Afgerond', '']);
    await expectAccessible(hr, 'tasks inbox of HR with a completed survey follow-up task');
    await hr.context().close();
  });
});
