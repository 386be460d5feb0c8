import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { amsterdamTimeToUtc } from './amsterdamTime';
import { COFFEE_MOMENT_FILENAME, coffeeMomentInvite } from './coffeeMomentInvite';
import { humanDate } from './humanDate';
import { type Mailer, createMailer, messageIdFor } from './mailer';
import { renderMail } from './mailTemplates';
import { welcomeMailValues } from '../../../test/support/welcomeMailValues';

/** What a real SMTP server on a loopback port received: envelope and raw message. */
interface Received {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

const FROM = 'Zachte Landing <noreply@jeugdzorg.example>';
let server: SMTPServer;
let received: Received[];
let mailer: Mailer;
let smtpUrl: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      // A recipient the server refuses: the send must fail, so Temporal retries the activity.
      if (address.address.startsWith('refused@')) callback(new Error('550 no such mailbox'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  mailer = createMailer({ smtpUrl, from: FROM });
});

beforeEach(() => {
  received = [];
});

afterAll(async () => {
  mailer.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('mailer over real SMTP', () => {
  it('delivers the Dutch welcome mail with the idempotency key as its Message-ID', async () => {
    const mail = await renderMail('welcome-new-hire', welcomeMailValues);
    const key = 'hire-journey:org-1:hire-42/welcome-mail';
    const messageId = await mailer.send({ to: 'sanne@example.nl', ...mail, language: 'nl', idempotencyKey: key });

    expect(messageId).toBe(messageIdFor(key, 'jeugdzorg.example'));
    expect(received).toHaveLength(1);
    const [arrived] = received;
    expect(arrived!.from).toBe('noreply@jeugdzorg.example');
    expect(arrived!.to).toEqual(['sanne@example.nl']);
    const message = parseMessage(arrived!.raw);
    expect(message.header('message-id')).toBe(messageId);
    expect(decodeWords(message.header('subject'))).toBe('Welkom bij Jeugdzorg Rivierenland, Sanne!');
    expect(message.header('content-language')).toBe('nl');
    expect(message.text).toContain('Wat fijn dat je op maandag 3 maart 2025 bij Jeugdzorg Rivierenland begint.');
    expect(message.text).toContain('Heb je vóór je eerste dag een vraag?');
  });

  it('sends a retried mail with the same Message-ID, and another mail with another', async () => {
    const base = { to: 'sanne@example.nl', subject: 'Test', text: 'Hallo', language: 'nl' as const };
    const first = await mailer.send({ ...base, idempotencyKey: 'journey-1/survey-invitation' });
    const retry = await mailer.send({ ...base, idempotencyKey: 'journey-1/survey-invitation' });
    const other = await mailer.send({ ...base, idempotencyKey: 'journey-1/survey-reminder' });
    expect(retry).toBe(first);
    expect(other).not.toBe(first);
    expect(received.map((mail) => parseMessage(mail.raw).header('message-id'))).toEqual([first, first, other]);
  });

  it("attaches the mentor's coffee-moment invite, which parses back to the planned time", async () => {
    const coffeeDate = '2025-02-26';
    const startsAt = amsterdamTimeToUtc(coffeeDate, '10:00');
    const mail = await renderMail('mentor-welcome', {
      hireName: 'Sanne',
      mentorName: 'Joris',
      organisationName: 'Jeugdzorg Rivierenland',
      startDate: humanDate('2025-03-03'),
      coffeeDate: humanDate(coffeeDate),
      coffeeTime: '10:00',
      coffeeMinutes: '30',
      introduction: 'Ik werk al acht jaar in Team Tiel.',
    });
    const invite = coffeeMomentInvite({
      journeyId: 'hire-journey:org-1:hire-42',
      startsAt,
      durationMinutes: 30,
      summary: 'Koffie met Joris, je mentor',
      organizer: { email: 'joris@jeugdzorg.example', name: 'Joris' },
      attendees: [{ email: 'sanne@example.nl', name: 'Sanne' }],
      createdAt: new Date('2025-02-20T08:00:00Z'),
    });
    await mailer.send({
      to: 'sanne@example.nl',
      cc: 'joris@jeugdzorg.example',
      ...mail,
      language: 'nl',
      idempotencyKey: 'hire-journey:org-1:hire-42/mentor-welcome',
      calendarInvite: invite,
    });

    const [arrived] = received;
    expect(arrived!.to).toEqual(['sanne@example.nl', 'joris@jeugdzorg.example']);
    const message = parseMessage(arrived!.raw);
    expect(decodeWords(message.header('subject'))).toBe('Kennismaken met je mentor Joris: zullen we koffie drinken?');
    expect(message.text).toContain("Zullen we koffie drinken op woensdag 26 februari 2025 om 10:00, zo'n 30 minuten?");
    expect(message.text).toContain('Ik werk al acht jaar in Team Tiel.');

    const attachment = message.parts.find((part) => /attachment/.test(part.header('content-disposition')));
    expect(attachment?.header('content-disposition')).toContain(COFFEE_MOMENT_FILENAME);
    expect(attachment!.body).toBe(invite); // byte for byte, CRLFs included
    const inline = message.parts.find((part) => part.header('content-type').startsWith('text/calendar'));
    expect(inline?.header('content-type')).toContain('method=REQUEST');

    const properties = attachment!.body.replace(/\r\n /g, '').split('\r\n');
    expect(properties).toEqual(
      expect.arrayContaining([
        'METHOD:REQUEST',
        'UID:coffee-moment.hire-journey:org-1:hire-42@soft-landing',
        'DTSTART:20250226T090000Z', // 10:00 in Amsterdam, winter time
        'DTEND:20250226T093000Z',
        'ATTENDEE;CN="Sanne";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sanne@example.nl',
      ]),
    );
  });

  it('delivers the 90-day survey invitation with only a link, in English on request', async () => {
    const mail = await renderMail(
      'survey-invitation',
      { hireName: 'Sam', organisationName: 'Jeugdzorg Rivierenland', surveyLink: 'https://survey.example/s/7f3a' },
      'en',
    );
    await mailer.send({ to: 'sam@example.nl', ...mail, language: 'en', idempotencyKey: 'journey-2/survey-invitation' });
    const message = parseMessage(received[0]!.raw);
    expect(message.header('content-language')).toBe('en');
    expect(message.text).toContain('Please fill it in at https://survey.example/s/7f3a.');
    expect(message.text).toContain('The survey is anonymous');
  });

  it('fails when the server refuses the mail, so the activity is retried', async () => {
    await expect(
      mailer.send({ to: 'refused@example.nl', subject: 'x', text: 'y', language: 'nl', idempotencyKey: 'k' }),
    ).rejects.toThrow(/no such mailbox/);
    expect(received).toHaveLength(0);
  });

  it('fails when no SMTP server listens', async () => {
    const nowhere = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: FROM });
    await expect(
      nowhere.send({ to: 'a@example.nl', subject: 'x', text: 'y', language: 'nl', idempotencyKey: 'k' }),
    ).rejects.toThrow(/ECONNREFUSED 127\.0\.0\.1:1\b/);
    nowhere.close();
  });

  it('refuses a sender without a domain and a mail without an idempotency key', () => {
    expect(() => createMailer({ smtpUrl, from: 'noreply' })).toThrow(/no mail domain/);
    expect(() => messageIdFor(' ', 'example.nl')).toThrow(/idempotency key/);
  });
});

/* A small MIME reader — enough for what nodemailer writes — so the test sees what a mail client would. */

interface MimePart {
  header(name: string): string;
  readonly body: string;
  readonly parts: MimePart[];
  /** The first text/plain body in the tree. */
  readonly text: string;
}

function parseMessage(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const headerBlock = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const content = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const header = (name: string) => headers.get(name) ?? '';
  const boundary = /boundary="?([^";]+)"?/.exec(header('content-type'))?.[1];
  if (header('content-type').startsWith('multipart/') && boundary) {
    const sections = content
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((section) => section.replace(/^\r\n/, '').replace(/\r\n$/, ''));
    const children = sections.map(parseMessage);
    const flat = children.flatMap((child) => [child, ...child.parts]);
    return {
      header,
      body: '',
      parts: flat,
      text: flat.find((part) => part.header('content-type').startsWith('text/plain'))?.body ?? '',
    };
  }
  const body = decodeBody(content, header('content-transfer-encoding').toLowerCase());
  return {
    header,
    body,
    parts: [],
    text: header('content-type').startsWith('text/plain') || !header('content-type') ? body : '',
  };
}

function decodeBody(content: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(content.replace(/=\r\n/g, ''));
  return content;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_all, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
