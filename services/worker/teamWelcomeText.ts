import type { TeamWelcomeMessage } from '../people/teamWelcomeMessages';
import type { MailLanguage } from './mail/mailTemplates';

const NONE_YET: Record<MailLanguage, string> = {
  nl: 'Je team stuurt je ook nog een berichtje.',
  en: 'Your team will send you a message as well.',
};
const INTRO: Record<MailLanguage, string> = {
  nl: 'Je team schreef je alvast:',
  en: 'Your team wrote to you already:',
};

/** The welcome mail's paragraph with what colleagues wrote, in plain text; each message as written, with its name. */
export function teamWelcomeText(messages: readonly TeamWelcomeMessage[], language: MailLanguage): string {
  if (messages.length === 0) return NONE_YET[language];
  const quoted = messages.map((message) => `"${message.text}"\n— ${message.authorName}`);
  return [INTRO[language], ...quoted].join('\n\n');
}
