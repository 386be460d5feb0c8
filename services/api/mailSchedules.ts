/**
 * The mails that go out by themselves, not as a journey's step: the team nudges to managers and the daily reminder
 * digest. Both read the read models, so they run in the process that holds them (the API, or `npm start`), and
 * both mail through the deployment's one SMTP setting; without it, or with an interval of 0, they do not run.
 * One place builds them from the configuration, for services/api/main.ts and services/embedded/main.ts alike.
 * With API replicas only one of them mails: the holder of the lease `mail-schedules` (startLeasedMailSchedules).
 */
import { startTeamNudgeSchedule } from '../analytics/teamNudgeCheck';
import type { EventStore } from '../event-store/eventStore';
import type { PeopleDirectory } from '../people/peopleDirectory';
import type { ReadModelDb } from '../projections/projection';
import type { Config } from '../shared/config';
import { holdLease } from '../shared/lease/leaseHolding';
import type { LeaseStore } from '../shared/lease/leaseStore';
import type { Logger } from '../shared/logger';
import type { PeriodicCheck } from '../shared/periodicCheck';
import type { Mailer } from '../worker/mail/mailer';
import { startReminderDigestSchedule } from '../worker/reminderDigestSchedule';

export type MailScheduleConfig = Pick<Config, 'publicBaseUrl' | 'teamNudges' | 'reminderDigest'>;

export interface MailScheduleDeps {
  readonly readModels: ReadModelDb;
  /**
   * Resolves true once the read models have caught up with the store (false: the process stops first): the
   * schedules start only then, or a fresh file would nudge managers about teams it has not read yet. Absent: at once.
   */
  readonly whenCaughtUp?: (signal: AbortSignal) => Promise<boolean>;
  readonly store: EventStore;
  readonly directory: PeopleDirectory;
  readonly mailer: Mailer | undefined;
  readonly logger: Logger;
}

/** Whether any schedule would run: the API process opens an SMTP connection only then. */
export function mailSchedulesWanted(config: MailScheduleConfig): boolean {
  return config.teamNudges.intervalMinutes > 0 || config.reminderDigest.intervalMinutes > 0;
}

/** The schedules, once the read models have caught up; stopping before then starts none. */
export function startMailSchedules(config: MailScheduleConfig, deps: MailScheduleDeps): PeriodicCheck {
  if (!deps.whenCaughtUp) return startSchedulesNow(config, deps);
  const stopping = new AbortController();
  const started = deps
    .whenCaughtUp(stopping.signal)
    .then((caughtUp) => (caughtUp ? startSchedulesNow(config, deps) : undefined));
  return {
    stop: async () => {
      stopping.abort();
      await (await started)?.stop();
    },
  };
}

function startSchedulesNow(config: MailScheduleConfig, deps: MailScheduleDeps): PeriodicCheck {
  const { readModels, store, directory, mailer, logger } = deps;
  const checks: PeriodicCheck[] = [];
  if (mailer && config.teamNudges.intervalMinutes > 0)
    checks.push(
      startTeamNudgeSchedule(
        {
          readModels,
          store,
          directory,
          mailer,
          publicBaseUrl: config.publicBaseUrl,
          thresholds: config.teamNudges,
          logger,
        },
        config.teamNudges.intervalMinutes * 60_000,
      ),
    );
  if (mailer && config.reminderDigest.intervalMinutes > 0)
    checks.push(
      startReminderDigestSchedule(
        { readModels, store, directory, mailer, publicBaseUrl: config.publicBaseUrl, logger },
        { sendAt: config.reminderDigest.sendAt, intervalMs: config.reminderDigest.intervalMinutes * 60_000 },
      ),
    );
  return {
    stop: async () => {
      await Promise.all(checks.map((check) => check.stop()));
    },
  };
}

export const MAIL_SCHEDULES_LEASE = 'mail-schedules';

/**
 * The schedules of an API that may have replicas: they run only in the replica that holds the lease, so the team
 * nudges and the digests are worked out once. Should two run at once all the same (a replica paused past its
 * lease), what they mail is recorded in the shared event store (teamnudges-, reminderdigests-<organisation>), and
 * the later one finds it done.
 */
export function startLeasedMailSchedules(
  config: MailScheduleConfig & Pick<Config, 'lease'>,
  deps: MailScheduleDeps & { readonly leases: LeaseStore },
): { stop(): Promise<void> } {
  if (!deps.mailer || !mailSchedulesWanted(config)) return { stop: async () => undefined };
  return holdLease({
    leases: deps.leases,
    name: MAIL_SCHEDULES_LEASE,
    ttlMs: config.lease.ttlSeconds * 1000,
    renewMs: config.lease.renewSeconds * 1000,
    logger: deps.logger,
    start: async () => startMailSchedules(config, deps),
  });
}
