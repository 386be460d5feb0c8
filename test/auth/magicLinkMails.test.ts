import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLinkRedemptions } from '../../services/auth/linkRedemptions';
import { MagicLinkSigner, MagicLinks } from '../../services/auth/magicLinks';
import { roleMailboxRef } from '../../services/people/peopleDirectory';
import { SqlitePeopleDirectory } from '../../services/people/sqlitePeopleDirectory';
import { type JourneyMailRequest, sendJourneyMail } from '../../services/worker/journeyMail';
import { type Mailer, createMailer } from '../../services/worker/mail/mailer';
import { SmtpSink } from '../support/smtpSink';

/**
 * Which mails carry a magic link, and for whom: over real SMTP, with the people directory on a real SQLite file and
 * the link redeemed as the API would. Only people without an account get one: the new hire and the mentor.
 */
describe('magic links in journey mails', () => {
  const organisationId = 'jeugdzorg-noord';
  const hireId = 'h-0042';
  // The activity's first scheduling time: the same on every retry (services/worker/journeyActivities.ts).
  const SCHEDULED = new Date();
  let smtp: SmtpSink;
  let mailer: Mailer;
  let directory: SqlitePeopleDirectory;
  let links: MagicLinks;
  let redemptions: SqliteLinkRedemptions | undefined;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soft-landing-link-mails-'));
    smtp = await SmtpSink.start();
    mailer = createMailer({ smtpUrl: smtp.url, from: 'Zachte Landing <noreply@soft-landing.test>' });
    directory = new SqlitePeopleDirectory(join(dir, 'people.sqlite'));
    redemptions = new SqliteLinkRedemptions(join(dir, 'api-keys.sqlite'));
    links = new MagicLinks(MagicLinkSigner.fromKeyFile(join(dir, 'magic-link-key')), redemptions);
    await directory.upsert({
      organisationId,
      personRef: hireId,
      displayName: 'Sanne de Vries',
      email: 'sanne@example.test',
      language: 'nl',
    });
    await directory.upsert({
      organisationId,
      personRef: 'ms-noord',
      displayName: 'Mirjam Smit',
      email: 'mirjam@example.test',
      language: 'nl',
    });
    await directory.upsert({
      organisationId,
      personRef: 'mgr-a',
      displayName: 'Karim Amrani',
      email: 'karim@example.test',
      language: 'nl',
    });
  });
  afterAll(async () => {
    mailer?.close();
    directory?.close();
    await redemptions?.close();
    await smtp?.stop();
  });

  const send = (idempotencyKey: string, mail: JourneyMailRequest['mail']) =>
    sendJourneyMail(
      { directory, mailer, publicBaseUrl: 'https://onboarding.example', magicLinks: links.signer },
      {
        organisationId,
        hireId,
        managerRef: 'mgr-a',
        mentorRef: 'ms-noord',
        idempotencyKey,
        mail,
        createdAt: SCHEDULED,
      },
    );
  const linkIn = (address: string) =>
    /https:\/\/onboarding\.example\/app\/link#(sml_\S+)/.exec(smtp.to(address).at(-1)?.parsed.text ?? '')?.[1];

  it("gives the new hire's welcome a link that opens a session as them, for their welcome page", async () => {
    expect(
      await send('j1/welcome-mail', { kind: 'welcome-new-hire', recipientRole: 'new-hire', startDate: '2027-03-01' }),
    ).toMatchObject({ delivered: true });
    const session = await links.redeem(linkIn('sanne@example.test')!);
    expect(session).toMatchObject({ organisationId, personRef: hireId, role: 'new-hire', purpose: 'welcome', hireId });
  });

  it("gives the mentor's task reminder a link that opens a session as the mentor, for their tasks", async () => {
    const outcome = await send('j1/reminder/milestone:tailor-programme', {
      kind: 'task-reminder',
      recipientRole: 'mentor',
      ownerRole: 'mentor',
      title: 'Gesprek',
      dueDate: '2027-03-31',
    });
    expect(outcome).toMatchObject({ delivered: true });
    const session = await links.redeem(linkIn('mirjam@example.test')!);
    expect(session).toMatchObject({ organisationId, personRef: 'ms-noord', role: 'mentor', purpose: 'tasks', hireId });
  });

  it('asks the mentor by mail, with a link that opens a session as the mentor, for the request about this hire', async () => {
    const mail = {
      kind: 'mentor-request',
      recipientRole: 'mentor',
      mentorRef: 'ms-noord',
      answerDeadline: '2027-02-10',
      startDate: '2027-03-01',
      hoursPerWeek: 1.5,
    } as const;
    // The request's mentorRef is the accepted mentor's (none yet): the mail names whom it asks.
    const outcome = await sendJourneyMail(
      { directory, mailer, publicBaseUrl: 'https://onboarding.example', magicLinks: links.signer },
      {
        organisationId,
        hireId,
        managerRef: 'mgr-a',
        idempotencyKey: 'j1/mentor-request/ms-noord',
        mail,
        createdAt: SCHEDULED,
      },
    );
    expect(outcome).toMatchObject({ delivered: true });
    const received = smtp.to('mirjam@example.test').at(-1)!.parsed;
    expect(received.subject).toBe('Wil je mentor zijn van Sanne de Vries?');
    expect(received.text).toContain('ongeveer 1,5 uur per week');
    expect(received.text).toContain('vóór woensdag 10 februari 2027');
    const session = await links.redeem(linkIn('mirjam@example.test')!);
    expect(session).toMatchObject({
      organisationId,
      personRef: 'ms-noord',
      role: 'mentor',
      purpose: 'mentor-request',
      hireId,
    });
  });

  it('gives the manager, who signs in with their work account, no magic link but their tasks inbox', async () => {
    await send('j1/reminder/task:read-cv', {
      kind: 'task-reminder',
      recipientRole: 'manager',
      ownerRole: 'manager',
      title: 'Lees het cv',
      dueDate: '2027-02-15',
    });
    expect(smtp.to('karim@example.test')).toHaveLength(1);
    expect(linkIn('karim@example.test')).toBeUndefined();
    expect(smtp.to('karim@example.test')[0]!.parsed.text).toContain('\nhttps://onboarding.example/app/tasks\n');
    await send('j1/escalation/task:it-account', {
      kind: 'task-escalation',
      recipientRole: 'manager',
      ownerRole: 'it',
      title: 'Account',
      dueDate: '2027-02-15',
    });
    expect(smtp.to('karim@example.test')[1]!.parsed.text).toContain('\nhttps://onboarding.example/app/tasks\n');
  });

  it("sends HR, who follow the whole hire, to the hire's page", async () => {
    await directory.upsert({
      organisationId,
      personRef: roleMailboxRef('hr'),
      displayName: 'HR Noord',
      email: 'hr@example.test',
      language: 'nl',
    });
    await send('j1/reminder/task:contract', {
      kind: 'task-reminder',
      recipientRole: 'hr',
      ownerRole: 'hr',
      title: 'Contract',
      dueDate: '2027-02-15',
    });
    expect(smtp.to('hr@example.test').at(-1)!.parsed.text).toContain(
      `\nhttps://onboarding.example/app/hires/${hireId}\n`,
    );
  });

  it('sends the same link on a retry of the same mail', async () => {
    await send('j2/welcome-mail', { kind: 'welcome-new-hire', recipientRole: 'new-hire', startDate: '2027-03-01' });
    const first = linkIn('sanne@example.test');
    await send('j2/welcome-mail', { kind: 'welcome-new-hire', recipientRole: 'new-hire', startDate: '2027-03-01' });
    expect(linkIn('sanne@example.test')).toBe(first);
  });
});
