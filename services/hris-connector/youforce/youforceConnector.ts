import { CallLimiter, type CallLimits } from '../callLimiter';
import { type Clock, systemClock } from '../clock';
import {
  type EmploymentListing,
  type EmploymentVersion,
  type HrisCapabilities,
  type HrisConnector,
  type HrisPerson,
  type JobProfileRef,
  type OrgUnitRef,
  optional,
  toIsoDate,
} from '../hrisConnector';
import { getJson } from '../hrisHttp';
import { YouForceTokens } from './youforceTokens';

/** YouForce writes an open-ended employment as discharged on this date (…Beaufort-IAM-API:mapping.employments.json). */
export const YOUFORCE_OPEN_END = '9999-12-31';

export interface YouForceSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://api.youforce.com`; the IAM API lives under `/iam/v1.0`. */
  readonly apiBaseUrl: string;
  /** `https://connect.visma.com/connect/token` (newer docs: `https://connect.identity.visma.com/connect/token`). */
  readonly tokenUrl: string;
  /** Newer docs ask for `Youforce-IAM:Get_Basic`; older tenants send none. */
  readonly scope?: string;
  /** HelloID asks for 1000 per page; the API's default is 500. */
  readonly pageSize?: number;
  readonly limits?: CallLimits;
}

/**
 * The vendor's published limits per app (guides_usage_limits.html): 3 concurrent, 100 a minute smoothed to 0.6 s.
 * 650 ms between starts (92 a minute) leaves room for network jitter: at exactly 600 ms, one late call puts 101
 * calls into some minute and earns a 429.
 */
export const YOUFORCE_LIMITS: CallLimits = { maxConcurrent: 3, minIntervalMs: 650 };

/** Org units and job profiles change rarely; reading them once an hour spares calls from the 6,000 a day. */
const REFERENCE_DATA_TTL_MS = 3_600_000;

interface Page<T> {
  readonly value?: readonly T[];
  readonly nextLink?: string | null;
}

interface IamEmployment {
  id?: string | number;
  personCode?: string | number;
  hireDate?: string;
  dischargeDate?: string;
  organizationUnit?: string | number;
  jobProfile?: string | number;
  employmentType?: string;
  workingAmount?: { amountOfWork?: number; parttimePercentage?: number };
  validFrom?: string;
  validUntil?: string;
}

interface IamOrganizationUnit {
  id?: string | number;
  shortName?: string;
  fullName?: string;
  parentOrgUnit?: string | number;
  manager?: string | number;
}

interface IamJobProfile {
  id?: string | number;
  shortName?: string;
  fullName?: string;
}

interface IamPerson {
  personCode?: string | number;
  knownAs?: string;
  firstNames?: string;
  lastName?: string;
  lastNamePrefix?: string;
  emailAddresses?: readonly { type?: string; address?: string }[];
}

/**
 * Visma Raet YouForce, IAM API (`/iam/v1.0`). Reads employments, organisation units, job profiles and persons;
 * pages with `{value, nextLink}`; lists changed records with `from`/`to`. Every call goes through one limiter
 * (3 in flight, one start per 0.6 s) and one token cache (the token lives an hour; the vendor allows 400 token
 * calls a month, so it is fetched once per hour, never per call).
 */
export class YouForceConnector implements HrisConnector {
  readonly hris = 'youforce' as const;
  readonly tenantId: string;
  private readonly limiter: CallLimiter;
  private readonly tokens: YouForceTokens;
  private referenceData:
    | { readAt: number; orgUnits: Map<string, OrgUnitRef>; jobProfiles: Map<string, JobProfileRef> }
    | undefined;
  /** Calls made to the API (not the token endpoint), for tests and metrics. */
  apiCalls = 0;

  constructor(
    private readonly settings: YouForceSettings,
    private readonly clock: Clock = systemClock,
  ) {
    this.tenantId = settings.tenantId;
    this.limiter = new CallLimiter(settings.limits ?? YOUFORCE_LIMITS, clock);
    this.tokens = new YouForceTokens(settings, clock);
  }

  /** Token requests made so far (each one counts against the vendor's 400 a month). */
  get tokenRequests(): number {
    return this.tokens.requests;
  }

  capabilities(): HrisCapabilities {
    return {
      webhooks: false,
      changedSince: true,
      futureDatedRecords: true,
      retentionDaysAfterDischarge: 90,
      writeBack: [],
    };
  }

  async listEmployments(changedSince?: Date): Promise<EmploymentListing> {
    const { orgUnits, jobProfiles } = await this.loadReferenceData();
    const query = new URLSearchParams({ take: String(this.settings.pageSize ?? 1000) });
    if (changedSince) {
      // `from`/`to` select records changed in the range, as UTC `YYYY-MM-DDTHH:MM:SS.sssZ` (community.visma.com …/ta-p/428401).
      query.set('from', changedSince.toISOString());
      query.set('to', new Date(this.clock.now()).toISOString());
    }
    const rows = await this.readAllPages<IamEmployment>(`/iam/v1.0/employments?${query}`);
    const versions = rows.flatMap((row) => {
      const version = toEmploymentVersion(row, orgUnits, jobProfiles);
      return version ? [version] : [];
    });
    return { complete: !changedSince, versions };
  }

  async getPerson(remotePersonId: string): Promise<HrisPerson | undefined> {
    // INFERRED: the notes document `personCode=` as a filter on employments only; persons are assumed to take it too.
    const rows = await this.readAllPages<IamPerson>(
      `/iam/v1.0/persons?${new URLSearchParams({ personCode: remotePersonId })}`,
    );
    const person = rows.find((row) => String(row.personCode) === remotePersonId);
    return person && toPerson(remotePersonId, person);
  }

  private async loadReferenceData() {
    if (this.referenceData && this.clock.now() - this.referenceData.readAt < REFERENCE_DATA_TTL_MS)
      return this.referenceData;
    const [units, profiles] = await Promise.all([
      this.readAllPages<IamOrganizationUnit>('/iam/v1.0/organizationUnits'),
      this.readAllPages<IamJobProfile>('/iam/v1.0/jobProfiles'),
    ]);
    const orgUnits: Map<string, OrgUnitRef> = referencesById(units, (unit) => ({
      ...optional('parentId', unit.parentOrgUnit === undefined ? undefined : String(unit.parentOrgUnit)),
      ...optional('managerRef', unit.manager === undefined ? undefined : String(unit.manager)),
    }));
    const jobProfiles: Map<string, JobProfileRef> = referencesById(profiles, () => ({}));
    this.referenceData = { readAt: this.clock.now(), orgUnits, jobProfiles };
    return this.referenceData;
  }

  private async readAllPages<T>(firstPath: string): Promise<T[]> {
    const rows: T[] = [];
    let url: string | undefined = new URL(firstPath, this.settings.apiBaseUrl).toString();
    while (url) {
      const page: Page<T> = await this.get<Page<T>>(url);
      rows.push(...(page.value ?? []));
      url = page.nextLink ? new URL(page.nextLink, this.settings.apiBaseUrl).toString() : undefined;
    }
    return rows;
  }

  private get<T>(url: string): Promise<T> {
    return getJson<T>({
      hris: 'youforce',
      url,
      limiter: this.limiter,
      clock: this.clock,
      // On api.youforce.com the tenant is in the token: no tenant header (notes §1, HelloID persons.ps1).
      authorization: async () => `Bearer ${await this.tokens.current()}`,
      // Revoked or expired early: one fresh token, then give up rather than burn the monthly token budget.
      unauthorized: (authorization) => {
        this.tokens.forget(authorization.slice('Bearer '.length));
        return true;
      },
      sent: () => {
        this.apiCalls += 1;
      },
    });
  }
}

function toEmploymentVersion(
  row: IamEmployment,
  orgUnits: ReadonlyMap<string, OrgUnitRef>,
  jobProfiles: ReadonlyMap<string, JobProfileRef>,
): EmploymentVersion | undefined {
  const hireDate = toIsoDate(row.hireDate);
  if (row.id === undefined || row.personCode === undefined || !hireDate) return undefined;
  const discharge = toIsoDate(row.dischargeDate);
  const validFrom = toIsoDate(row.validFrom);
  const validUntil = toIsoDate(row.validUntil);
  const orgUnitId = row.organizationUnit === undefined ? undefined : String(row.organizationUnit);
  const jobProfileId = row.jobProfile === undefined ? undefined : String(row.jobProfile);
  return {
    remoteEmploymentId: String(row.id),
    remotePersonId: String(row.personCode),
    hireDate,
    // Empty properties are omitted by the API; an absent discharge date is read as open-ended, like 9999-12-31.
    dischargeDate: discharge && discharge !== YOUFORCE_OPEN_END ? discharge : null,
    ...optional('orgUnit', orgUnitId === undefined ? undefined : (orgUnits.get(orgUnitId) ?? { id: orgUnitId })),
    ...optional(
      'jobProfile',
      jobProfileId === undefined ? undefined : (jobProfiles.get(jobProfileId) ?? { id: jobProfileId }),
    ),
    ...optional('employmentType', row.employmentType),
    // INFERRED: workingAmount.amountOfWork is hours per week (the notes list the field, not its unit).
    ...optional('hoursPerWeek', row.workingAmount?.amountOfWork),
    ...optional('validFrom', validFrom),
    ...optional('validUntil', validUntil && validUntil !== YOUFORCE_OPEN_END ? validUntil : undefined),
  };
}

function toPerson(remotePersonId: string, person: IamPerson): HrisPerson {
  const given = person.knownAs ?? person.firstNames?.split(' ')[0];
  const displayName = [given, person.lastNamePrefix, person.lastName].filter(Boolean).join(' ') || remotePersonId;
  const email = (type: string) => person.emailAddresses?.find((entry) => entry.type === type && entry.address)?.address;
  return {
    remotePersonId,
    displayName,
    ...optional('privateEmail', email('Private')),
    ...optional('workEmail', email('Business')),
  };
}

/**
 * Reference data by its id (as text), each named by its short name (code) and full name (else the short one) and
 * with what `more` adds; a row without an id cannot be referred to and is left out.
 */
function referencesById<Row extends { id?: string | number; shortName?: string; fullName?: string }, More>(
  rows: readonly Row[],
  more: (row: Row) => More,
): Map<string, { id: string; code?: string; name?: string } & More> {
  const refs = new Map<string, { id: string; code?: string; name?: string } & More>();
  for (const row of rows) {
    if (row.id === undefined) continue;
    refs.set(String(row.id), {
      id: String(row.id),
      ...optional('code', row.shortName),
      ...optional('name', row.fullName ?? row.shortName),
      ...more(row),
    });
  }
  return refs;
}
