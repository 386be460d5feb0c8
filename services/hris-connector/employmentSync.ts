import { compareDates } from '../../workflows/domain/calendar';
import type { Logger } from '../shared/logger';
import { dutchDate } from '../shared/dutchClock';
import type { Clock } from './clock';
import {
  type HrisChange,
  type TemplateMapping,
  diffEmployment,
  factsForToday,
  isPastRetention,
} from './employmentChanges';
import type { EmploymentVersion, HrisConnector } from './hrisConnector';
import type { HrisSnapshots } from './hrisStore';

/** Changed-records windows overlap by this much, so a record changed while the last poll ran is not missed. */
export const POLL_OVERLAP_MS = 5 * 60_000;

export interface SyncSettings {
  readonly organisationId: string;
  readonly hireWindowDays: number;
  readonly templates: TemplateMapping;
}

export interface SyncOutcome {
  readonly mode: 'changes' | 'full';
  readonly employmentsRead: number;
  /** Change records written by this run (a repeated run writes none). */
  readonly recorded: number;
  /** Employments the HR system no longer returns: only marked, never read as a change. */
  readonly vanished: number;
}

/**
 * Polls one organisation's HR system and diffs it against the snapshot: `poll()` reads what changed since the last
 * poll (where the system can), `reconcile()` reads everything (the nightly run: retroactive edits, future-dated
 * changes that took effect, records that dropped out after retention).
 */
export class EmploymentSync {
  constructor(
    private readonly connector: HrisConnector,
    private readonly settings: SyncSettings,
    private readonly store: HrisSnapshots,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async poll(): Promise<SyncOutcome> {
    const { changedUntil } = await this.store.cursor(this.settings.organisationId);
    if (changedUntil === undefined || !this.connector.capabilities().changedSince) return this.reconcile();
    const startedAt = this.clock.now();
    const listing = await this.connector.listEmployments(new Date(changedUntil - POLL_OVERLAP_MS));
    const outcome = await this.apply(listing.versions, listing.complete);
    await this.store.saveCursor(this.settings.organisationId, { changedUntil: startedAt });
    return outcome;
  }

  async reconcile(): Promise<SyncOutcome> {
    const startedAt = this.clock.now();
    const listing = await this.connector.listEmployments();
    const outcome = await this.apply(listing.versions, true);
    await this.store.saveCursor(this.settings.organisationId, {
      changedUntil: startedAt,
      reconciledAt: this.clock.now(),
    });
    return outcome;
  }

  private async apply(versions: readonly EmploymentVersion[], complete: boolean): Promise<SyncOutcome> {
    const { organisationId } = this.settings;
    const now = new Date(this.clock.now());
    const today = dutchDate(now.getTime());
    const byEmployment = new Map<string, EmploymentVersion[]>();
    for (const version of versions) {
      const group = byEmployment.get(version.remoteEmploymentId) ?? [];
      group.push(version);
      byEmployment.set(version.remoteEmploymentId, group);
    }
    // Oldest hire first: an ended employment is known before the same person's new one is judged a rehire.
    const groups = [];
    for (const group of byEmployment.values()) {
      const previous = await this.store.tracked(organisationId, group[0]!.remoteEmploymentId);
      groups.push({ previous, facts: factsForToday(group, today, previous?.facts) });
    }
    groups.sort((a, b) => compareDates(a.facts.hireDate, b.facts.hireDate));

    let recorded = 0;
    const recordedChanges: HrisChange[] = [];
    for (const { previous, facts } of groups) {
      const otherEmploymentsOfPerson = (await this.store.trackedOfPerson(organisationId, facts.remotePersonId)).filter(
        (other) => other.facts.remoteEmploymentId !== facts.remoteEmploymentId,
      );
      const diff = diffEmployment(previous, facts, {
        organisationId,
        hris: this.connector.hris,
        tenantId: this.connector.tenantId,
        today,
        hireWindowDays: this.settings.hireWindowDays,
        templates: this.settings.templates,
        otherEmploymentsOfPerson,
      });
      const written = await this.store.apply(organisationId, diff.next, diff.changes, now);
      recorded += written;
      if (written > 0) recordedChanges.push(...diff.changes);
    }

    let vanished = 0;
    if (complete) {
      const seen = new Set(byEmployment.keys());
      const gone = (await this.store.present(organisationId)).filter(
        (tracked) => !seen.has(tracked.facts.remoteEmploymentId),
      );
      const retention = this.connector.capabilities().retentionDaysAfterDischarge;
      for (const tracked of gone) {
        const expected = isPastRetention(tracked.facts, today, retention);
        // Not a termination, not anything: past retention it is expected; otherwise someone should look (access rights?).
        this.logger[expected ? 'debug' : 'warn'](
          { organisationId, remoteEmploymentId: tracked.facts.remoteEmploymentId, hireId: tracked.hireId },
          expected
            ? 'dienstverband na bewaartermijn uit het HR-systeem verdwenen'
            : 'dienstverband onverwacht uit het HR-systeem verdwenen; niets afgeleid',
        );
      }
      await this.store.markVanished(
        organisationId,
        gone.map((tracked) => tracked.facts.remoteEmploymentId),
        now,
      );
      vanished = gone.length;
    }
    for (const change of recordedChanges) {
      this.logger.info(
        { organisationId, hireId: change.hireId, kind: change.kind, changeId: change.id },
        'wijziging uit het HR-systeem vastgelegd',
      );
    }
    return { mode: complete ? 'full' : 'changes', employmentsRead: byEmployment.size, recorded, vanished };
  }
}
