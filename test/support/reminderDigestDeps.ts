/**
 * What the daily reminder digest needs, built from a running test system and its SMTP sink: the read models, event
 * store and directory the API holds, and a mailer of its own to the sink — closed again when `work` is done, passed or failed,
 * so no SMTP connection outlives its test.
 */
import { createLogger } from '../../services/shared/logger';
import { createMailer } from '../../services/worker/mail/mailer';
import type { ReminderDigestDeps } from '../../services/worker/reminderDigest';
import type { RunningSystem } from './runningSystem';

export type TestDigestDeps = ReminderDigestDeps & { readonly logger: ReturnType<typeof createLogger> };

export async function withDigestDeps<T>(
  system: Pick<RunningSystem, 'readModels' | 'store' | 'directory' | 'baseUrl'>,
  smtpUrl: string,
  work: (deps: TestDigestDeps) => Promise<T>,
  publicBaseUrl: string = system.baseUrl,
): Promise<T> {
  const mailer = createMailer({ smtpUrl, from: 'Zachte Landing <noreply@soft-landing.test>' });
  try {
    return await work({
      readModels: system.readModels,
      store: system.store,
      directory: system.directory,
      mailer,
      publicBaseUrl,
      logger: createLogger('test', 'silent'),
    });
  } finally {
    mailer.close();
  }
}
