import { type IsoDate, addDays, compareDates } from '../../workflows/domain/calendar';
import type { EmploymentVersion, HrisKind } from './hrisConnector';
import { optional } from './hrisConnector';

/**
 * The pure heart of the connector (a decider in the emmett sense): given what we knew of an employment and what the
 * HR system says now, which change records follow, and what do we know afterwards. No I/O, no clock.
 */

export type HrisChangeKind =
  | 'HireRegistered'
  | 'StartDateChanged'
  | 'EmploymentChanged'
  | 'TerminationRegistered'
  | 'Rehired';

/** What the snapshot keeps of an employment: facts about the job, never a name or an address. */
export type EmploymentFacts = Omit<EmploymentVersion, 'validFrom' | 'validUntil'>;

export interface TrackedEmployment {
  readonly facts: EmploymentFacts;
  /** The journey this employment started; null for employments that predate the connector or lie outside the hire window. */
  readonly hireId: string | null;
  /** Counts the diffs that produced records; part of their ids, so a date that moves back and forth is recorded each time. */
  readonly revision: number;
}

/** Which journey template a hire starts from, per organisation: job profile first, then org unit, then the default. */
export interface TemplateMapping {
  /** By job profile id or code. */
  readonly jobProfiles?: Readonly<Record<string, string>>;
  /** By organisation unit id or code. */
  readonly organizationUnits?: Readonly<Record<string, string>>;
  /** Unset: the organisation's default template (the journey decides). */
  readonly default?: string;
}

export interface JourneyStart {
  readonly startDate: IsoDate;
  readonly role: string;
  readonly team?: string;
  readonly templateId?: string;
  readonly managerRef?: string;
  /** Rehired: the journey of the person's earlier employment, when the connector started one. */
  readonly rehireOf?: string;
}

export interface FieldChange {
  readonly field: 'orgUnit' | 'jobProfile' | 'employmentType' | 'hoursPerWeek' | 'managerRef' | 'dischargeDate';
  readonly from: string | number | null;
  readonly to: string | number | null;
}

export interface HrisChange {
  /** Deterministic: `youforce:<tenant>:employment:<id>:hire`; a repeated poll derives the same id and is a no-op. */
  readonly id: string;
  readonly kind: HrisChangeKind;
  readonly organisationId: string;
  readonly hireId: string | null;
  readonly source: {
    readonly hris: HrisKind;
    readonly tenantId: string;
    readonly remoteEmploymentId: string;
    readonly remotePersonId: string;
  };
  /** HireRegistered and Rehired: what the journey starts with. */
  readonly journey?: JourneyStart;
  /** StartDateChanged. */
  readonly startDate?: IsoDate;
  readonly previousStartDate?: IsoDate;
  /** TerminationRegistered. */
  readonly lastWorkingDay?: IsoDate;
  /** EmploymentChanged. */
  readonly changes?: readonly FieldChange[];
}

export interface DiffContext {
  readonly organisationId: string;
  readonly hris: HrisKind;
  readonly tenantId: string;
  readonly today: IsoDate;
  /**
   * INFERRED policy: a new employment is a hire when it starts at most this many days ago (or later). The first
   * poll of an organisation sees its whole workforce; without the window every colleague would get a journey.
   */
  readonly hireWindowDays: number;
  readonly templates: TemplateMapping;
  /** The person's other employments we know of, to tell a rehire from a first hire. */
  readonly otherEmploymentsOfPerson: readonly TrackedEmployment[];
}

export interface Diff {
  readonly changes: readonly HrisChange[];
  readonly next: TrackedEmployment;
}

/**
 * The versions of one employment, reduced to the facts that hold today. Dates come from the newest version (a
 * termination or new start date registered ahead of time is news now: the journey must prepare for it); the
 * other attributes from the version valid today, because a future-dated transfer is not the hire's team yet.
 * INFERRED: that `validFrom`/`validUntil` on an employment version delimit when that version applies.
 */
export function factsForToday(
  versions: readonly EmploymentVersion[],
  today: IsoDate,
  previous?: EmploymentFacts,
): EmploymentFacts {
  if (versions.length === 0) throw new Error('factsForToday needs at least one version');
  const byValidFrom = [...versions].sort((a, b) =>
    compareDates(a.validFrom ?? '0000-01-01', b.validFrom ?? '0000-01-01'),
  );
  const newest = byValidFrom[byValidFrom.length - 1]!;
  const validToday = byValidFrom.filter(
    (version) =>
      compareDates(version.validFrom ?? '0000-01-01', today) <= 0 &&
      (!version.validUntil || compareDates(today, version.validUntil) <= 0),
  );
  const current = validToday[validToday.length - 1];
  // Only future versions came back (a "changed since" listing): keep today's attributes as we knew them.
  const attributes: EmploymentVersion | EmploymentFacts = current ?? previous ?? byValidFrom[0]!;
  return {
    remoteEmploymentId: newest.remoteEmploymentId,
    remotePersonId: newest.remotePersonId,
    hireDate: newest.hireDate,
    dischargeDate: newest.dischargeDate,
    ...optional('orgUnit', attributes.orgUnit),
    ...optional('jobProfile', attributes.jobProfile),
    ...optional('employmentType', attributes.employmentType),
    ...optional('hoursPerWeek', attributes.hoursPerWeek),
  };
}

export function diffEmployment(
  previous: TrackedEmployment | undefined,
  current: EmploymentFacts,
  context: DiffContext,
): Diff {
  const revision = (previous?.revision ?? 0) + 1;
  const idPrefix = `${context.hris}:${context.tenantId}:employment:${current.remoteEmploymentId}`;
  const change = (
    kind: HrisChangeKind,
    key: string,
    hireId: string | null,
    detail: Partial<HrisChange>,
  ): HrisChange => ({
    id: `${idPrefix}:${key}`,
    kind,
    organisationId: context.organisationId,
    hireId,
    source: {
      hris: context.hris,
      tenantId: context.tenantId,
      remoteEmploymentId: current.remoteEmploymentId,
      remotePersonId: current.remotePersonId,
    },
    ...detail,
  });

  if (!previous) {
    if (!isHire(current, context)) return { changes: [], next: { facts: current, hireId: null, revision: 0 } };
    const hireId = hireIdOf(context.hris, current.remoteEmploymentId);
    const earlier = context.otherEmploymentsOfPerson
      .filter(
        (other) => other.facts.dischargeDate !== null && compareDates(other.facts.dischargeDate, current.hireDate) < 0,
      )
      .sort((a, b) => compareDates(a.facts.dischargeDate!, b.facts.dischargeDate!));
    // The journey to link to is the one of the employment that ended last and had a journey here.
    const rehireOf = earlier.filter((other) => other.hireId !== null).at(-1)?.hireId;
    const started =
      earlier.length > 0
        ? change('Rehired', `rehire:${current.hireDate}`, hireId, {
            journey: { ...journeyStart(current, context.templates), ...optional('rehireOf', rehireOf) },
          })
        : change('HireRegistered', 'hire', hireId, { journey: journeyStart(current, context.templates) });
    return { changes: [started], next: { facts: current, hireId, revision: 1 } };
  }

  const before = previous.facts;
  // Back after leaving, on the same employment: a new journey, under a hire id of its own.
  if (
    before.dischargeDate !== null &&
    compareDates(before.dischargeDate, current.hireDate) < 0 &&
    before.hireDate !== current.hireDate
  ) {
    if (!isHire(current, context))
      return { changes: [], next: { facts: current, hireId: null, revision: previous.revision } };
    const hireId = `${hireIdOf(context.hris, current.remoteEmploymentId)}-${current.hireDate.replace(/-/g, '')}`.slice(
      0,
      64,
    );
    const rehired = change('Rehired', `rehire:${current.hireDate}`, hireId, {
      journey: { ...journeyStart(current, context.templates), ...optional('rehireOf', previous.hireId) },
    });
    return { changes: [rehired], next: { facts: current, hireId, revision } };
  }

  const changes: HrisChange[] = [];
  const hireId = previous.hireId;
  if (current.hireDate !== before.hireDate) {
    changes.push(
      change('StartDateChanged', `r${revision}:start-date:${current.hireDate}`, hireId, {
        startDate: current.hireDate,
        previousStartDate: before.hireDate,
      }),
    );
  }
  const fieldChanges = changedFields(before, current);
  if (before.dischargeDate === null && current.dischargeDate !== null) {
    changes.push(
      change('TerminationRegistered', `r${revision}:termination:${current.dischargeDate}`, hireId, {
        lastWorkingDay: current.dischargeDate,
      }),
    );
  } else if (before.dischargeDate !== current.dischargeDate) {
    // A moved or withdrawn discharge date: recorded, but the journey has no message for it (see journeyDispatcher).
    fieldChanges.push({ field: 'dischargeDate', from: before.dischargeDate, to: current.dischargeDate });
  }
  if (fieldChanges.length > 0)
    changes.push(change('EmploymentChanged', `r${revision}:changed`, hireId, { changes: fieldChanges }));
  return { changes, next: { facts: current, hireId, revision: changes.length > 0 ? revision : previous.revision } };
}

/** Records that drop out of the HR system's answers after retention are not a change: the employment simply ended. */
export function isPastRetention(facts: EmploymentFacts, today: IsoDate, retentionDays: number | undefined): boolean {
  return (
    retentionDays !== undefined &&
    facts.dischargeDate !== null &&
    compareDates(addDays(facts.dischargeDate, retentionDays), today) <= 0
  );
}

function isHire(facts: EmploymentFacts, context: DiffContext): boolean {
  if (facts.dischargeDate !== null && compareDates(facts.dischargeDate, context.today) < 0) return false;
  return compareDates(facts.hireDate, addDays(context.today, -context.hireWindowDays)) >= 0;
}

/** A hire id that satisfies contracts/events/identifier.json: letters, digits, `_` and `-`, at most 64. */
export function hireIdOf(hris: HrisKind, remoteEmploymentId: string): string {
  const prefix = hris === 'youforce' ? 'yf' : 'afas';
  return `${prefix}-${remoteEmploymentId.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64);
}

export function journeyStart(facts: EmploymentFacts, templates: TemplateMapping): JourneyStart {
  const templateId = templateFor(facts, templates);
  return {
    startDate: facts.hireDate,
    role: facts.jobProfile?.name ?? facts.jobProfile?.code ?? facts.jobProfile?.id ?? 'Onbekende functie',
    ...optional('team', facts.orgUnit?.name ?? facts.orgUnit?.code ?? facts.orgUnit?.id),
    ...optional('templateId', templateId),
    ...optional('managerRef', facts.orgUnit?.managerRef),
  };
}

/** INFERRED: only the unit itself is matched, not its parents (the listing gives a unit's parent id, not the tree). */
export function templateFor(facts: EmploymentFacts, templates: TemplateMapping): string | undefined {
  const byKey = (
    table: Readonly<Record<string, string>> | undefined,
    ref: { id: string; code?: string } | undefined,
  ) => (ref && table ? (table[ref.id] ?? (ref.code === undefined ? undefined : table[ref.code])) : undefined);
  return (
    byKey(templates.jobProfiles, facts.jobProfile) ??
    byKey(templates.organizationUnits, facts.orgUnit) ??
    templates.default
  );
}

function changedFields(before: EmploymentFacts, after: EmploymentFacts): FieldChange[] {
  const pairs: [FieldChange['field'], string | number | null, string | number | null][] = [
    ['orgUnit', before.orgUnit?.id ?? null, after.orgUnit?.id ?? null],
    ['jobProfile', before.jobProfile?.id ?? null, after.jobProfile?.id ?? null],
    ['employmentType', before.employmentType ?? null, after.employmentType ?? null],
    ['hoursPerWeek', before.hoursPerWeek ?? null, after.hoursPerWeek ?? null],
    ['managerRef', before.orgUnit?.managerRef ?? null, after.orgUnit?.managerRef ?? null],
  ];
  return pairs.filter(([, from, to]) => from !== to).map(([field, from, to]) => ({ field, from, to }));
}
