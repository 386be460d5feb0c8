import { randomUUID } from 'node:crypto';
import { sendReminderDigests } from '../../services/worker/reminderDigest';
import { createMailer } from '../../services/worker/mail/mailer';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { apiRequest, requestsWith } from '../support/apiRequest';
import { type MailedPerson, registerHire, teamNoordHireWithManager } from '../support/hireRegistrations';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';

/**
 * Task titles in the recipient's language, at a real SMTP server: the journey (on a real Temporal server) mails
 * the manager at its start naming the team's task, and the daily digest lists a mailbox's open tasks. A recipient
 * who reads English gets the template's English titles; a Dutch one the Dutch titles (the default templates carry
 * both, workflows/domain/defaultTemplates.ts).
 */
describeWithServices(['temporal'], 'task titles in the language of whoever reads the mail', () => {
  const organisationId = `lang-${randomUUID().slice(0, 8)}`;
  const today = isoDateOfEpochMs(Date.now());
  const startDate = addDays(today, 20);
  const IT = 'it-lang@jeugdzorg.test';
  const HR = 'hr-lang@jeugdzorg.test';
  let smtp: SmtpSink;
  let system: RunningSystem;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, smtpUrl: smtp.url });
    const mailbox = (role: string, email: string, language: string) =>
      apiRequest(system.baseUrl, organisationId, 'PUT', `/mailboxes/${role}`, {
        displayName: `${role.toUpperCase()} desk`,
        email,
        language,
      });
    expect((await mailbox('it', IT, 'en')).status).toBe(200);
    expect((await mailbox('hr', HR, 'nl')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  const register = (hireId: string, manager: MailedPerson) =>
    registerHire(
      requestsWith(() => system.baseUrl, organisationId, {}),
      teamNoordHireWithManager(hireId, startDate, manager, `Nieuwe ${hireId}`),
    );
  const mailTo = (email: string) =>
    waitFor(
      async () => smtp.to(email).find((mail) => /team/i.test(mail.parsed.subject ?? '')),
      (found) => found !== undefined,
      45_000,
    );

  it("names the team's task in English to an English-reading manager, in Dutch to a Dutch one", async () => {
    const english = {
      displayName: 'Morgan Manager',
      email: `morgan-${randomUUID().slice(0, 6)}@jeugdzorg.test`,
      language: 'en',
    };
    const dutch = {
      displayName: 'Margriet Leidinga',
      email: `margriet-${randomUUID().slice(0, 6)}@jeugdzorg.test`,
      language: 'nl',
    };
    await register(`h-en-${randomUUID().slice(0, 6)}`, english);
    await register(`h-nl-${randomUUID().slice(0, 6)}`, dutch);

    const toEnglish = (await mailTo(english.email))!.parsed;
    expect(toEnglish.subject).toMatch(/^Welcome .*: a message from the team$/);
    expect(toEnglish.text).toContain('(Send a message as a team: what are we looking forward to?)');
    expect(toEnglish.text).not.toContain('Stuur als team een bericht');

    const toDutch = (await mailTo(dutch.email))!.parsed;
    expect(toDutch.text).toContain('Stuur als team een bericht: waar kijken we naar uit?');
    expect(toDutch.text).not.toContain('Send a message as a team');
  }, 120_000);

  it("lists the open tasks in the digest in each mailbox's language", async () => {
    const hasTask = (owner: string) => () =>
      system.readModels
        .prepare(`SELECT item_id FROM open_tasks WHERE org = ? AND owner_role = ? AND status = 'open'`)
        .all(organisationId, owner) as { item_id: string }[];
    await waitFor(hasTask('it'), (rows) => rows.some((row) => row.item_id === 'task:accounts-ready'), 30_000);
    await waitFor(hasTask('hr'), (rows) => rows.length > 0, 30_000);
    const deps = {
      readModels: system.readModels,
      store: system.store,
      directory: system.directory,
      mailer: createMailer({ smtpUrl: smtp.url, from: 'Zachte Landing <noreply@soft-landing.test>' }),
      publicBaseUrl: system.baseUrl,
    };
    // The accounts are due three days before the start: their first reminder is a week before that, the first
    // working day from which on IT's digest lists them.
    const digestOf = (email: string) =>
      smtp.to(email).find((mail) => /overview|overzicht/i.test(mail.parsed.subject ?? ''));
    for (let day = addDays(startDate, -10); !digestOf(IT); day = addDays(day, 1)) {
      if (day > startDate) throw new Error('no digest reached IT before the start date');
      await sendReminderDigests(deps, { organisationId, day });
    }
    // The tasks list the web app shows: the Dutch title, and the English one beside it.
    const listed = await apiRequest(system.baseUrl, organisationId, 'GET', '/tasks?ownerRole=it');
    expect(listed.status).toBe(200);
    const { tasks } = (await listed.json()) as { tasks: { itemId: string; title: string; titleEn?: string }[] };
    expect(tasks.find((task) => task.itemId === 'task:accounts-ready')).toMatchObject({
      title: 'Accounts en systemen klaarzetten',
      titleEn: 'Set up accounts and systems',
    });

    const itDigest = digestOf(IT)!.parsed;
    expect(itDigest.text).toMatch(/^- Set up accounts and systems — /m);
    expect(itDigest.text).not.toContain('Accounts en systemen klaarzetten');

    for (let day = addDays(startDate, -10); !digestOf(HR); day = addDays(day, 1)) {
      if (day > addDays(startDate, 60)) throw new Error('no digest reached HR');
      await sendReminderDigests(deps, { organisationId, day });
    }
    const hrDigest = digestOf(HR)!.parsed;
    expect(hrDigest.subject).toMatch(/^Je overzicht van vandaag/);
    expect(hrDigest.text).toMatch(/^- [A-Z].* — /m);
    expect(hrDigest.text).not.toMatch(/Set up|Call the new colleague|Read the CV/);
  }, 120_000);
});
