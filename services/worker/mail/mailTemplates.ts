import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OwnerRole } from '../../../workflows/domain/journeyTemplate';

/**
 * Mail texts live in `templates/<language>/<name>.txt` so HR can edit them without a developer. Values — names
 * included — are given at send time and never stored here: the hire's personal data stays with the HR system.
 */

export type MailLanguage = 'nl' | 'en';
export const DEFAULT_MAIL_LANGUAGE: MailLanguage = 'nl';

/** What each mail may ask for; a text asking for anything else fails at render time, and in the tests. */
export const MAIL_PLACEHOLDERS = {
  'welcome-new-hire': [
    'hireName',
    'organisationName',
    'startDate',
    'contactPersonName',
    // The contact person's mail address (services/worker/journeyMail.ts: the vacancy profile's, else HR's mailbox).
    'contactPersonEmail',
    'appLink',
    // What colleagues wrote through the team's welcome link, read at send time (services/worker/teamWelcomeText.ts).
    'teamMessages',
  ],
  'mentor-welcome': [
    'hireName',
    'mentorName',
    'organisationName',
    'startDate',
    'coffeeDate',
    'coffeeTime',
    'coffeeMinutes',
    // The mentor's own words (services/people/mentorIntroductions.ts), or a default line when they wrote none.
    'introduction',
  ],
  'mentor-request': [
    'mentorName',
    'hireName',
    'organisationName',
    'startDate',
    'hoursPerWeek',
    'answerDeadline',
    'requestLink',
  ],
  'task-reminder': ['ownerName', 'taskTitle', 'hireName', 'dueDate', 'taskLink'],
  'task-escalation': ['managerName', 'taskTitle', 'hireName', 'dueDate', 'ownerRole', 'taskLink'],
  // Anonymous by design: a link, never an answer (domain.md stage 6).
  'survey-invitation': ['hireName', 'organisationName', 'surveyLink'],
  'survey-reminder': ['hireName', 'organisationName', 'surveyLink'],
  // A pulse of the template (day 30, say): the day is the template's, nothing about the person.
  'survey-pulse': ['hireName', 'organisationName', 'surveyLink', 'surveyDays'],
  'exit-interview-invitation': ['hireName', 'organisationName', 'hrAdvisorName', 'exitQuestionnaireLink'],
  // About a team, never a person: a count in words, no names of hires (services/analytics/teamNudgeCheck.ts).
  'team-nudge-without-mentor': ['managerName', 'teamName', 'colleagues', 'period', 'appLink'],
  'team-nudge-overdue': ['managerName', 'teamName', 'colleagues', 'appLink'],
  // One mail a working day per person, listing every task it reminds them of (services/worker/reminderDigest.ts).
  'reminder-digest': ['recipientName', 'taskCount', 'taskLines', 'appLink'],
  // The team's welcome link for the manager to forward; one per hire, until day one.
  'team-welcome-request': ['managerName', 'hireName', 'organisationName', 'startDate', 'taskTitle', 'teamWelcomeLink'],
  // The request is off: the hire's first name and start date as the request had them, no reason (it is the hire's).
  'mentor-request-withdrawn': ['mentorName', 'hireFirstName', 'organisationName', 'startDate'],
} as const;

export type MailTemplateName = keyof typeof MAIL_PLACEHOLDERS;
export type MailValues<Name extends MailTemplateName> = Record<(typeof MAIL_PLACEHOLDERS)[Name][number], string>;

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
}

export class MailTemplateError extends Error {
  override readonly name = 'MailTemplateError';
}

export const MAIL_TEMPLATES_DIR = join(__dirname, 'templates');

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const SUBJECT_LINE = /^(?:onderwerp|subject)\s*:\s*(.*)$/i;

export async function renderMail<Name extends MailTemplateName>(
  name: Name,
  values: MailValues<Name>,
  language: MailLanguage = DEFAULT_MAIL_LANGUAGE,
  templatesDir: string = MAIL_TEMPLATES_DIR,
): Promise<RenderedMail> {
  const where = `${language}/${name}.txt`;
  let source: string;
  try {
    source = await readFile(join(templatesDir, language, `${name}.txt`), 'utf8');
  } catch (error) {
    throw new MailTemplateError(`Mail template ${where} cannot be read: ${(error as Error).message}`);
  }
  return renderMailSource(source, values, where);
}

/** Pure: the text of a template file and its values in, subject and body out. */
export function renderMailSource(
  source: string,
  values: Readonly<Record<string, string>>,
  where: string,
): RenderedMail {
  const { subject, body } = parseMailTemplate(source, where);
  const missing = [...new Set([...placeholdersIn(subject), ...placeholdersIn(body)])].filter(
    (key) => typeof values[key] !== 'string' || values[key]!.trim() === '',
  );
  if (missing.length > 0) {
    throw new MailTemplateError(
      `Mail template ${where} needs a value for ${missing.map((key) => `{{${key}}}`).join(', ')}`,
    );
  }
  const fill = (text: string, oneLine: boolean) =>
    text.replace(PLACEHOLDER, (_match, key: string) => (oneLine ? values[key]!.replace(/\s+/g, ' ') : values[key]!));
  // A value with a line break must not become a second header line.
  return { subject: fill(subject, true).trim(), text: fill(body, false) };
}

export function parseMailTemplate(source: string, where: string): { subject: string; body: string } {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const subject = SUBJECT_LINE.exec(lines[0] ?? '')?.[1]?.trim();
  if (!subject) {
    throw new MailTemplateError(
      `Mail template ${where} must start with a subject line ("Onderwerp: …" or "Subject: …")`,
    );
  }
  let first = 1;
  while (first < lines.length && lines[first]!.trim() === '') first++;
  const body = lines.slice(first).join('\n').replace(/\s+$/, '') + '\n';
  return { subject, body };
}

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

const OWNER_ROLE_LABELS: Record<MailLanguage, Record<OwnerRole, string>> = {
  nl: {
    hr: 'HR',
    manager: 'de leidinggevende',
    mentor: 'de mentor',
    team: 'het team',
    it: 'ICT',
    facilities: 'facilitaire zaken',
    'new-hire': 'de nieuwe collega',
  },
  en: {
    hr: 'HR',
    manager: 'the manager',
    mentor: 'the mentor',
    team: 'the team',
    it: 'IT',
    facilities: 'facilities',
    'new-hire': 'the new colleague',
  },
};

/** For `{{ownerRole}}` in the escalation mail: a role people recognise, not a code. */
export function ownerRoleLabel(role: OwnerRole, language: MailLanguage = DEFAULT_MAIL_LANGUAGE): string {
  return OWNER_ROLE_LABELS[language][role];
}
