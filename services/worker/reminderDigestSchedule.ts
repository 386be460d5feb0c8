/**
 * When the daily reminder digest (reminderDigest.ts) goes out: every organisation with open tasks, once per Dutch
 * working day, at the first check at or after `sendAt` Dutch time. Journeys of patch reminder-digest-v1 send no
 * reminder per task, so without this schedule their owners hear nothing before an escalation.
 *
 * Why a check every few minutes and not one timer at 07:00: a process that starts at 09:00, or was down at 07:00,
 * still sends that day's digest on its first check; `sendReminderDigests` records what it sent per recipient and day,
 * so every later check of the same day sends nothing twice.
 * A working day the process is down for altogether is caught up by the next day's digest (reminderDigest.ts reaches
 * back to the organisation's last run), with every line counted from the day it goes out: no stale "in 2 days".
 */
import { dutchDate, dutchTime } from '../shared/dutchClock';
import type { Logger } from '../shared/logger';
import { type PeriodicCheck, startPeriodicCheck } from '../shared/periodicCheck';
import { type ReminderDigestDeps, sendReminderDigests } from './reminderDigest';

export interface ReminderDigestSchedule {
  /** HH:MM Dutch time from which the day's digest goes out. */
  readonly sendAt: string;
  readonly intervalMs: number;
}

export interface DueDigestsResult {
  /** The Dutch date of the check. */
  readonly day: string;
  /** Digests mailed by this check: none before `sendAt`, at weekends and on holidays, or when already sent. */
  readonly mails: number;
}

/** One check at `now`: sends the day's digests of every organisation with an open task, if they are due. */
export async function sendDueDigests(
  deps: ReminderDigestDeps & { readonly logger: Logger },
  sendAt: string,
  now: number,
): Promise<DueDigestsResult> {
  const day = dutchDate(now);
  if (dutchTime(now) < sendAt) return { day, mails: 0 };
  const organisations = deps.readModels
    .prepare<[], { org: string }>(`SELECT DISTINCT org FROM open_tasks WHERE status = 'open' ORDER BY org`)
    .all();
  let mails = 0;
  for (const { org } of organisations) {
    try {
      const outcome = await sendReminderDigests(deps, { organisationId: org, day });
      mails += outcome.sent;
      // Only when it mailed: recipients without an address would otherwise make a line every interval.
      if (outcome.sent > 0)
        deps.logger.info(
          { organisationId: org, day, sent: outcome.sent, unreachable: outcome.unreachable },
          'Dagelijks takenoverzicht verstuurd',
        );
    } catch (error) {
      // One organisation's failure (its SMTP answer, say) must not keep the others' digests back.
      deps.logger.error(
        { organisationId: org, day, err: error },
        'Dagelijks takenoverzicht mislukt; de volgende controle probeert opnieuw',
      );
    }
  }
  return { day, mails };
}

/** Checks every `intervalMs`, the first time right away; `stop` waits for a running check. */
export function startReminderDigestSchedule(
  deps: ReminderDigestDeps & { readonly logger: Logger },
  schedule: ReminderDigestSchedule,
  clock: () => number = Date.now,
): PeriodicCheck {
  return startPeriodicCheck(() => sendDueDigests(deps, schedule.sendAt, clock()), schedule.intervalMs, {
    atOnce: true,
  });
}
