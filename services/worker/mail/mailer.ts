import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { COFFEE_MOMENT_FILENAME } from './coffeeMomentInvite';
import type { MailLanguage } from './mailTemplates';

export interface OutgoingMail {
  readonly to: string | readonly string[];
  readonly cc?: string | readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly language: MailLanguage;
  /**
   * Same key, same Message-ID: when an activity is retried after the server took the mail but before we heard
   * so, the duplicate carries the id of the first, and mail systems and tests can recognise it.
   */
  readonly idempotencyKey: string;
  /** An RFC 5545 VCALENDAR with METHOD:REQUEST, e.g. from `coffeeMomentInvite`. */
  readonly calendarInvite?: string;
}

export interface Mailer {
  /** Resolves with the Message-ID once the SMTP server has accepted the mail. */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

export interface MailerOptions {
  /** e.g. `smtp://localhost:2525`, `smtps://user:pass@mail.example.nl`. */
  readonly smtpUrl: string;
  /** e.g. `Zachte Landing <noreply@example.nl>`; its domain also ends every Message-ID. */
  readonly from: string;
}

export function createMailer({ smtpUrl, from }: MailerOptions): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  const domain = domainOf(from);
  return {
    async send(mail) {
      const messageId = messageIdFor(mail.idempotencyKey, domain);
      const info = await transport.sendMail({
        from,
        to: [mail.to].flat() as string[],
        ...(mail.cc === undefined ? {} : { cc: [mail.cc].flat() as string[] }),
        subject: mail.subject,
        text: mail.text,
        messageId,
        headers: { 'Content-Language': mail.language },
        // nodemailer puts the invite both inline (calendars show accept/decline) and as an .ics attachment.
        ...(mail.calendarInvite === undefined
          ? {}
          : { icalEvent: { method: 'REQUEST', filename: COFFEE_MOMENT_FILENAME, content: mail.calendarInvite } }),
      });
      return info.messageId;
    },
    close() {
      transport.close();
    },
  };
}

/** A hash, because idempotency keys carry characters a Message-ID may not, and ids of people it need not show. */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  if (idempotencyKey.trim() === '') throw new RangeError('A mail needs an idempotency key');
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
}

function domainOf(address: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address);
  if (!match) throw new RangeError(`The sender "${address}" has no mail domain`);
  return match[1]!;
}
