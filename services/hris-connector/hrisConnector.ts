import type { IsoDate } from '../../workflows/domain/calendar';

/**
 * The connector contract: what the poller needs from any HR system, whatever its API looks like.
 * Shaped after the proposal in shared/hris-youforce-notes.md, narrowed to what this service uses today
 * (reading employments and people); write-back is announced through `capabilities()` only once implemented.
 *
 * Everything here is the HR system's own vocabulary mapped to one neutral shape: dates are `YYYY-MM-DD`,
 * an open-ended employment has `dischargeDate: null` (YouForce's `9999-12-31` is translated by its adapter).
 */
export type HrisKind = 'youforce' | 'afas';

export type WriteBackField = 'upn' | 'workEmail' | 'workPhone';

export interface HrisCapabilities {
  /** Neither YouForce nor AFAS offers them (notes §3): changes are found by polling and diffing. */
  readonly webhooks: boolean;
  /** The system can list only the records changed in a time range (YouForce `from`/`to`, AFAS audit-field filter). */
  readonly changedSince: boolean;
  /** Records can already show changes that take effect later (`validFrom` in the future). */
  readonly futureDatedRecords: boolean;
  /** Days after the end of an employment after which the system stops returning it; unset: never. */
  readonly retentionDaysAfterDischarge?: number;
  /** Fields this adapter can write back. Empty until write-back is built (YouForce allows upn/workEmail/workPhone). */
  readonly writeBack: readonly WriteBackField[];
}

export interface OrgUnitRef {
  readonly id: string;
  readonly code?: string;
  readonly name?: string;
  readonly parentId?: string;
  /** The HR system's person reference of the unit's manager, when it has one. */
  readonly managerRef?: string;
}

export interface JobProfileRef {
  readonly id: string;
  readonly code?: string;
  readonly name?: string;
}

/**
 * One version of an employment as the HR system returns it. A system with future-dated changes can return several
 * versions of one employment (different `validFrom`); the poller decides which applies today.
 * Deliberately without names or addresses: those are a person's, and only reach the people directory.
 */
export interface EmploymentVersion {
  readonly remoteEmploymentId: string;
  readonly remotePersonId: string;
  readonly hireDate: IsoDate;
  readonly dischargeDate: IsoDate | null;
  readonly orgUnit?: OrgUnitRef;
  readonly jobProfile?: JobProfileRef;
  readonly employmentType?: string;
  readonly hoursPerWeek?: number;
  /** When this version starts to apply; unset: it applies now. */
  readonly validFrom?: IsoDate;
  /** Last day this version applies; unset: open-ended. */
  readonly validUntil?: IsoDate;
}

export interface EmploymentListing {
  /** True for a full listing (every employment the system still returns); false for "changed since". */
  readonly complete: boolean;
  readonly versions: readonly EmploymentVersion[];
}

/** A person's contact details: personal data, handed straight to the people directory, never into a record. */
export interface HrisPerson {
  readonly remotePersonId: string;
  readonly displayName: string;
  readonly privateEmail?: string;
  readonly workEmail?: string;
}

export interface HrisConnector {
  readonly hris: HrisKind;
  /** The tenant (YouForce) or environment (AFAS) this connector reads; part of every change record's id. */
  readonly tenantId: string;
  capabilities(): HrisCapabilities;
  /** Without `changedSince`: the full snapshot. With it: at least every employment changed since then. */
  listEmployments(changedSince?: Date): Promise<EmploymentListing>;
  getPerson(remotePersonId: string): Promise<HrisPerson | undefined>;
}

/** The HR system answered in a way the adapter cannot use (after its own retries). */
export class HrisRequestError extends Error {
  constructor(
    readonly hris: HrisKind,
    readonly status: number,
    message: string,
  ) {
    super(`${hris}: ${message}`);
    this.name = 'HrisRequestError';
  }
}

/** `2026-06-01`, `2026-06-01T00:00:00Z` and `2026-06-01T00:00:00.000+02:00` are all the date 2026-06-01. */
export function toIsoDate(value: unknown): IsoDate | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return match ? match[1] : undefined;
}

/** `{ key: value }` when the value is there; with exactOptionalPropertyTypes-style objects, no `key: undefined`. */
export function optional<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  return (value === undefined || value === null || value === '' ? {} : { [key]: value }) as { [P in K]?: V };
}
