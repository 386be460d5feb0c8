import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly to: readonly string[];
  readonly parsed: ParsedMail;
}

/** A real SMTP server on a loopback port that keeps (and decodes) what it receives, for tests that assert on mail. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<SmtpSink> {
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), parsed });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sink = new SmtpSink(server, `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`);
    (sink as { received: ReceivedMail[] }).received = received;
    return sink;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  /**
   * The first mail to `address` whose subject starts with `subject` (text) or matches it (a pattern), once it has
   * arrived; after `timeoutMs` a failure that lists the subjects of what did arrive for that address.
   */
  async firstTo(address: string, subject: string | RegExp, timeoutMs = 30_000): Promise<ReceivedMail> {
    const matches = (mail: ReceivedMail) => {
      const text = mail.parsed.subject ?? '';
      return typeof subject === 'string' ? text.startsWith(subject) : subject.test(text);
    };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.to(address).find(matches);
      if (found) return found;
      if (Date.now() > deadline) {
        const subjects = this.to(address).map((mail) => mail.parsed.subject);
        throw new Error(
          `no mail to ${address} with subject ${String(subject)} in ${timeoutMs} ms; it got ${JSON.stringify(subjects)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
