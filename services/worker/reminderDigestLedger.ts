/**
 * What the reminder digests of an organisation have done, in the event store (stream reminderdigests-<organisation>):
 * who got the day's digest (ReminderDigestSent) and which days' runs got through (ReminderDigestRunCompleted).
 *
 * Why the event store and not the read models: every API replica has read models of its own, and the one that
 * sends the digests can change (the mail schedules run under a lease, services/api/mailSchedules.ts). Kept where
 * all replicas read it, a recipient gets one digest a day whichever replica sends it, also after a failover.
 * Read backwards from the end, a check reads only today's records and the last day before it: its cost does not
 * grow with the years the stream spans.
 */
import { deterministicEventId } from '../event-store/deterministicEventId';
import type { EventStore } from '../event-store/eventStore';
import type { IsoDate } from '../../workflows/domain/calendar';

export const reminderDigestStreamName = (organisationId: string): string => `reminderdigests-${organisationId}`;

const ACTOR = 'system:reminder-digest';

export interface DigestLedgerDay {
  /** Who already got `day`'s digest. */
  readonly sentTo: ReadonlySet<string>;
  /** Whether a run of `day` already got through. */
  readonly completed: boolean;
  /** The last day before `day` whose run got through, if any. */
  readonly lastCompletedBefore: IsoDate | undefined;
}

export class ReminderDigestLedger {
  private readonly stream: string;

  constructor(
    private readonly store: EventStore,
    private readonly organisationId: string,
  ) {
    this.stream = reminderDigestStreamName(organisationId);
  }

  async day(day: IsoDate): Promise<DigestLedgerDay> {
    const sentTo = new Set<string>();
    let completed = false;
    // A stream not yet written reads as empty (both adapters).
    for await (const event of this.store.readStream(this.stream, { direction: 'backwards' })) {
      const recorded = String(event.data.day);
      if (event.type === 'ReminderDigestRunCompleted' && recorded < day)
        return { sentTo, completed, lastCompletedBefore: recorded };
      if (recorded !== day) continue;
      if (event.type === 'ReminderDigestSent') sentTo.add(String(event.data.recipientRef));
      if (event.type === 'ReminderDigestRunCompleted') completed = true;
    }
    return { sentTo, completed, lastCompletedBefore: undefined };
  }

  /** After the mail went out. The id is the recipient's and the day's: a repeat is the same event, stored once. */
  async recordSent(day: IsoDate, recipientRef: string, taskCount: number): Promise<void> {
    await this.append(`sent:${day}:${recipientRef}`, 'ReminderDigestSent', { day, recipientRef, taskCount });
  }

  async recordCompleted(day: IsoDate): Promise<void> {
    await this.append(`completed:${day}`, 'ReminderDigestRunCompleted', { day });
  }

  private async append(key: string, type: string, data: Record<string, string | number>): Promise<void> {
    const { organisationId } = this;
    await this.store.appendToStream(
      this.stream,
      [
        {
          id: deterministicEventId(this.stream, key),
          type,
          data: { organisationId, ...data },
          metadata: { organisationId, actor: ACTOR },
        },
      ],
      { expectedRevision: 'any' },
    );
  }
}
