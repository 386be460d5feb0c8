import { createHash } from 'node:crypto';
import type { MagicLinkScope, MagicLinkSigner } from '../auth/magicLinks';
import type { IsoDate } from '../../workflows/domain/calendar';
import type { OwnerRole } from '../../workflows/domain/journeyTemplate';
import { TeamWelcomeLinks } from '../auth/teamWelcomeLinks';
import { type Contact, type PeopleDirectory, roleMailboxRef } from '../people/peopleDirectory';
import { WEB_APP_PREFIX } from '../shared/webAppPaths';
import { amsterdamTimeToUtc } from './mail/amsterdamTime';
import { coffeeMomentInvite } from './mail/coffeeMomentInvite';
import { humanDate } from './mail/humanDate';
import type { Mailer } from './mail/mailer';
import { type MailLanguage, type MailTemplateName, ownerRoleLabel, renderMail } from './mail/mailTemplates';
import type { JourneyMail, JourneyMailInput, MailOutcome } from '../../workflows/journeyActivities';
import { teamWelcomeText } from './teamWelcomeText';

/** What the journey asks to be mailed; names and addresses are looked up here, at send time, never stored in it. */
export type { JourneyMail, MailOutcome };

export interface JourneyMailRequest extends JourneyMailInput {
  /** The first time the activity was scheduled: the same on every retry, so a re-sent invite is byte-identical. */
  readonly createdAt: Date;
}

/** The coffee moment when the mentor chose none. */
const COFFEE_TIME = '10:00';
const COFFEE_MINUTES = 30;
/** The welcome mail's paragraph about the mentor when they wrote none themself. */
const DEFAULT_MENTOR_INTRODUCTION: Record<MailLanguage, string> = {
  nl: 'Je kunt me alles vragen, ook de dingen die je misschien niet aan je leidinggevende vraagt.',
  en: 'You can ask me anything, including the things you might not ask your manager.',
};

/** Renders and sends one journey mail; an unknown recipient is an outcome the journey records, not a failure. */
export async function sendJourneyMail(
  deps: { directory: PeopleDirectory; mailer?: Mailer; publicBaseUrl: string; magicLinks?: MagicLinkSigner },
  request: JourneyMailRequest,
): Promise<MailOutcome> {
  const { directory, mailer } = deps;
  const { organisationId, hireId, mail } = request;
  if (!mailer) return { delivered: false, reason: 'mail-not-configured' };
  const lookup: Lookup = async (ref) => (ref ? directory.find(organisationId, ref) : undefined);
  const hire = await lookup(hireId);
  const recipient = mail.recipientRole === 'new-hire' ? hire : await recipientFor(mail.recipientRole, request, lookup);
  if (!recipient) return { delivered: false, reason: `no-address-for-${mail.recipientRole}` };
  const language = recipient.language;
  const organisationName = (await lookup(roleMailboxRef('organisation')))?.displayName ?? organisationId;
  const hireName = hire?.displayName ?? (language === 'nl' ? 'de nieuwe collega' : 'the new colleague');
  const date = (value: IsoDate) => humanDate(value, language);

  let rendered: { subject: string; text: string };
  let calendarInvite: string | undefined;
  switch (mail.kind) {
    case 'welcome-new-hire':
      rendered = await render(
        'welcome-new-hire',
        {
          hireName,
          organisationName,
          startDate: date(mail.startDate),
          ...(await hiresContact(request, lookup, organisationName, language)),
          appLink: appLinkFor(deps, request, {
            organisationId,
            personRef: hireId,
            role: 'new-hire',
            purpose: 'welcome',
            hireId,
          }),
          // Read now, not carried by the journey: what arrived by the welcome-mail day, and nothing after an erasure.
          teamMessages: teamWelcomeText(await directory.teamWelcomeMessages({ organisationId, hireId }), language),
        },
        language,
      );
      break;
    case 'team-welcome-request':
      rendered = await render(
        mail.kind,
        {
          managerName: recipient.displayName,
          hireName,
          organisationName,
          startDate: date(mail.startDate),
          taskTitle: language === 'en' ? (mail.taskTitleEn ?? mail.taskTitle) : mail.taskTitle,
          teamWelcomeLink: teamWelcomeLinkFor(deps, { organisationId, hireId, startDate: mail.startDate }),
        },
        language,
      );
      break;
    case 'survey-invitation':
    case 'survey-reminder':
      rendered = await render(
        mail.kind,
        { hireName, organisationName, surveyLink: mail.surveyLink ?? `${deps.publicBaseUrl}/app/` },
        language,
      );
      break;
    case 'survey-pulse':
      rendered = await render(
        mail.kind,
        {
          hireName,
          organisationName,
          surveyLink: mail.surveyLink ?? `${deps.publicBaseUrl}/app/`,
          surveyDays: String(mail.days),
        },
        language,
      );
      break;
    case 'exit-interview-invitation':
      rendered = await render(
        mail.kind,
        {
          hireName,
          organisationName,
          hrAdvisorName: (await lookup(roleMailboxRef('hr')))?.displayName ?? 'HR',
          exitQuestionnaireLink: mail.exitQuestionnaireLink ?? `${deps.publicBaseUrl}/app/`,
        },
        language,
      );
      break;
    case 'task-reminder':
    case 'task-escalation': {
      // Both say the same of the task; the escalation goes to the manager and says whose task it was.
      const task = {
        taskTitle: taskTitleFor(mail, language),
        hireName,
        dueDate: date(mail.dueDate),
        taskLink: taskLinkFor(deps, request, mail.recipientRole),
      };
      rendered = await render(
        mail.kind,
        mail.kind === 'task-reminder'
          ? { ownerName: recipient.displayName, ...task }
          : { managerName: recipient.displayName, ownerRole: ownerRoleLabel(mail.ownerRole, language), ...task },
        language,
      );
      break;
    }
    case 'mentor-request':
      rendered = await render(
        mail.kind,
        {
          mentorName: recipient.displayName,
          hireName,
          organisationName,
          startDate: date(mail.startDate),
          hoursPerWeek: String(mail.hoursPerWeek).replace('.', language === 'nl' ? ',' : '.'),
          answerDeadline: date(mail.answerDeadline),
          requestLink: appLinkFor(deps, request, {
            organisationId,
            personRef: mail.mentorRef,
            role: 'mentor',
            purpose: 'mentor-request',
            hireId,
          }),
        },
        language,
      );
      break;
    case 'mentor-request-withdrawn':
      rendered = await render(
        mail.kind,
        {
          mentorName: recipient.displayName,
          hireFirstName: firstNameOf(hireName),
          organisationName,
          startDate: date(mail.startDate),
        },
        language,
      );
      break;
    case 'mentor-welcome': {
      const mentor = await lookup(mail.mentorRef);
      if (!mentor) return { delivered: false, reason: 'no-address-for-mentor' };
      rendered = await render(
        mail.kind,
        {
          hireName,
          mentorName: mentor.displayName,
          organisationName,
          startDate: date(mail.startDate),
          coffeeDate: date(mail.coffeeMoment),
          coffeeTime: mail.coffeeTime ?? COFFEE_TIME,
          coffeeMinutes: String(mail.coffeeMinutes ?? COFFEE_MINUTES),
          // Looked up now, not carried by the journey: an erasure before the mail goes out leaves no trace of it.
          introduction:
            (await directory.mentorIntroduction({ organisationId, hireId, mentorRef: mail.mentorRef })) ??
            DEFAULT_MENTOR_INTRODUCTION[language],
        },
        language,
      );
      calendarInvite = coffeeMomentInvite({
        journeyId: request.idempotencyKey.split('/')[0]!,
        startsAt: amsterdamTimeToUtc(mail.coffeeMoment, mail.coffeeTime ?? COFFEE_TIME),
        durationMinutes: mail.coffeeMinutes ?? COFFEE_MINUTES,
        summary:
          language === 'nl'
            ? `Koffie met je mentor ${mentor.displayName}`
            : `Coffee with your mentor ${mentor.displayName}`,
        organizer: { email: mentor.email, name: mentor.displayName },
        attendees: [{ email: recipient.email, name: recipient.displayName }],
        createdAt: request.createdAt,
      });
      break;
    }
  }
  const cc = mail.kind === 'mentor-welcome' ? (await lookup(mail.mentorRef))?.email : undefined;
  const messageId = await mailer.send({
    to: recipient.email,
    ...(cc === undefined ? {} : { cc }),
    subject: rendered.subject,
    text: rendered.text,
    language,
    idempotencyKey: request.idempotencyKey,
    ...(calendarInvite ? { calendarInvite } : {}),
  });
  return { delivered: true, messageId };
}

/**
 * Where a task mail leads in the web app: a mentor or new hire has no account, so theirs is a magic link to their
 * tasks; HR, who follow the whole hire, get the hire's page; everyone else who signs in gets their tasks inbox.
 */
function taskLinkFor(
  deps: { publicBaseUrl: string; magicLinks?: MagicLinkSigner },
  request: JourneyMailRequest,
  recipientRole: OwnerRole,
): string {
  const { organisationId, hireId } = request;
  const personRef = recipientRole === 'mentor' ? request.mentorRef : recipientRole === 'new-hire' ? hireId : undefined;
  if (personRef && deps.magicLinks) {
    return appLinkFor(deps, request, {
      organisationId,
      personRef,
      role: recipientRole as 'mentor' | 'new-hire',
      purpose: 'tasks',
      hireId,
    });
  }
  if (recipientRole === 'hr') return `${deps.publicBaseUrl}${WEB_APP_PREFIX}/hires/${encodeURIComponent(hireId)}`;
  return `${deps.publicBaseUrl}${WEB_APP_PREFIX}/tasks`;
}

/** The team's one link for this hire, in the fragment like a magic link; without the key, the app's front page. */
function teamWelcomeLinkFor(
  deps: { publicBaseUrl: string; magicLinks?: MagicLinkSigner },
  target: { organisationId: string; hireId: string; startDate: IsoDate },
): string {
  if (!deps.magicLinks) return `${deps.publicBaseUrl}${WEB_APP_PREFIX}/`;
  return `${deps.publicBaseUrl}${WEB_APP_PREFIX}/team-welcome#${new TeamWelcomeLinks(deps.magicLinks).issue(target)}`;
}

/**
 * A magic link into the web app for someone without an account; the token goes in the fragment, which browsers never
 * send, so it lands in no server's log. The same on every retry of the mail (its id and time come from the mail's).
 */
function appLinkFor(
  deps: { publicBaseUrl: string; magicLinks?: MagicLinkSigner },
  request: JourneyMailRequest,
  scope: MagicLinkScope,
): string {
  if (!deps.magicLinks) return `${deps.publicBaseUrl}${WEB_APP_PREFIX}/`;
  const id = createHash('sha256').update(`magic-link\0${request.idempotencyKey}`).digest('hex').slice(0, 32);
  return `${deps.publicBaseUrl}${WEB_APP_PREFIX}/link#${deps.magicLinks.issueLink(scope, { id, issuedAt: request.createdAt.getTime() })}`;
}

/** A contact by reference, read from the directory when the mail is made (none for no reference). */
type Lookup = (ref: string | undefined) => Promise<Contact | undefined>;

async function recipientFor(
  role: OwnerRole,
  request: JourneyMailRequest,
  lookup: Lookup,
): Promise<Contact | undefined> {
  if (role === 'manager') return (await lookup(request.managerRef)) ?? lookup(roleMailboxRef('manager'));
  if (role === 'mentor') {
    const { mail } = request;
    // The mentor asked, not (yet) the hire's mentor: the mail names them.
    const asked = mail.kind === 'mentor-request' || mail.kind === 'mentor-request-withdrawn';
    return lookup(asked ? mail.mentorRef : request.mentorRef);
  }
  return lookup(roleMailboxRef(role));
}

/** The journey sends both titles; the recipient's language picks one (Dutch when there is no English). */
function taskTitleFor(mail: { title: string; titleEn?: string }, language: MailLanguage): string {
  return language === 'en' ? (mail.titleEn ?? mail.title) : mail.title;
}

/**
 * Whom the new hire can ask before day one: the vacancy profile's contact person (RvdK: one contact person during and
 * after recruitment), looked up now so an erasure or a new address counts; HR's mailbox for a hire without one.
 */
async function hiresContact(
  request: JourneyMailRequest,
  lookup: Lookup,
  organisationName: string,
  language: MailLanguage,
): Promise<{ contactPersonName: string; contactPersonEmail: string }> {
  const contact = (await lookup(request.contactPersonRef)) ?? (await lookup(roleMailboxRef('hr')));
  return {
    contactPersonName: contact?.displayName ?? 'HR',
    contactPersonEmail:
      contact?.email ??
      (language === 'nl' ? `het algemene adres van ${organisationName}` : `${organisationName}'s general address`),
  };
}

/** A withdrawal names the hire by first name only: the mentor need not know more of someone they will not meet. */
function firstNameOf(displayName: string): string {
  return displayName.trim().split(/\s+/)[0] ?? displayName;
}

function render(name: MailTemplateName, values: Record<string, string>, language: MailLanguage) {
  return renderMail(name, values as never, language);
}
