import { CallLimiter, type CallLimits } from '../callLimiter';
import { type Clock, systemClock } from '../clock';
import {
  type EmploymentListing,
  type EmploymentVersion,
  type HrisCapabilities,
  type HrisConnector,
  type HrisPerson,
  optional,
  toIsoDate,
} from '../hrisConnector';
import { getJson } from '../hrisHttp';

/**
 * Field names of the customer's GetConnectors. AFAS GetConnectors are defined per customer (notes: e.g.
 * `T4E_HelloID_Employments_v2`), so every name is configurable; the defaults are INFERRED, typical Dutch field
 * names, not a published standard — check them against `/metainfo/get/<connector>` of the environment.
 */
export interface AfasEmploymentFields {
  readonly employmentId: string;
  readonly personId: string;
  readonly hireDate: string;
  readonly dischargeDate: string;
  readonly orgUnitId: string;
  readonly orgUnitName: string;
  readonly jobProfileId: string;
  readonly jobProfileName: string;
  readonly managerId: string;
  readonly hoursPerWeek: string;
  readonly employmentType: string;
  /** An audit field ("gewijzigd op", App_Cnnct_View_Audit.htm) to ask only for changed rows; unset: full reads only. */
  readonly modifiedAt?: string;
}

export interface AfasPersonFields {
  readonly personId: string;
  readonly givenName: string;
  readonly lastNamePrefix: string;
  readonly lastName: string;
  readonly privateEmail: string;
  readonly workEmail: string;
}

export const DEFAULT_AFAS_EMPLOYMENT_FIELDS: AfasEmploymentFields = {
  employmentId: 'Dienstverband',
  personId: 'Medewerker',
  hireDate: 'Begindatum',
  dischargeDate: 'Einddatum',
  orgUnitId: 'Afdeling',
  orgUnitName: 'Afdeling_omschrijving',
  jobProfileId: 'Functie',
  jobProfileName: 'Functie_omschrijving',
  managerId: 'Leidinggevende',
  hoursPerWeek: 'Uren_per_week',
  employmentType: 'Soort_dienstverband',
};

export const DEFAULT_AFAS_PERSON_FIELDS: AfasPersonFields = {
  personId: 'Medewerker',
  givenName: 'Roepnaam',
  lastNamePrefix: 'Voorvoegsel',
  lastName: 'Achternaam',
  privateEmail: 'Email_prive',
  workEmail: 'Email_werk',
};

export interface AfasSettings {
  /** The environment number, e.g. `12345` of `https://12345.rest.afas.online`. */
  readonly environmentId: string;
  /** `https://{envId}.rest.afas.online/profitrestservices` (test/accept: `resttest`/`restaccept`). */
  readonly baseUrl: string;
  /** The app connector's user token: the `<data>` part of `<token><version>1</version><data>…</data></token>`. */
  readonly token: string;
  readonly employmentsConnector: string;
  readonly personsConnector: string;
  readonly employmentFields?: Partial<AfasEmploymentFields>;
  readonly personFields?: Partial<AfasPersonFields>;
  readonly pageSize?: number;
  /** INFERRED: AFAS publishes no rate limit; a small concurrency keeps a shared Profit environment responsive. */
  readonly limits?: CallLimits;
}

type AfasRow = Record<string, unknown>;

/** AFAS operator types (help.afas.nl App_Con_GS-Local_Get_Filter_xml): 1 equals, 2 greater than or equal. */
const EQUALS = '1';
const AT_LEAST = '2';

/**
 * AFAS Profit through its REST GetConnectors: `skip`/`take` paging until a short page, filters as
 * `filterfieldids`/`filtervalues`/`operatortypes`, always sorted (AFAS: skip/take needs a stable order).
 */
export class AfasConnector implements HrisConnector {
  readonly hris = 'afas' as const;
  readonly tenantId: string;
  private readonly limiter: CallLimiter;
  private readonly employmentFields: AfasEmploymentFields;
  private readonly personFields: AfasPersonFields;
  private readonly authorization: string;
  apiCalls = 0;

  constructor(
    private readonly settings: AfasSettings,
    private readonly clock: Clock = systemClock,
  ) {
    this.tenantId = settings.environmentId;
    this.limiter = new CallLimiter(settings.limits ?? { maxConcurrent: 2, minIntervalMs: 0 }, clock);
    this.employmentFields = { ...DEFAULT_AFAS_EMPLOYMENT_FIELDS, ...settings.employmentFields };
    this.personFields = { ...DEFAULT_AFAS_PERSON_FIELDS, ...settings.personFields };
    this.authorization = afasAuthorization(settings.token);
  }

  capabilities(): HrisCapabilities {
    // INFERRED: Profit keeps ended employments unless the customer's GetConnector filters them; no retention is assumed.
    return {
      webhooks: false,
      changedSince: this.employmentFields.modifiedAt !== undefined,
      futureDatedRecords: false,
      writeBack: [],
    };
  }

  async listEmployments(changedSince?: Date): Promise<EmploymentListing> {
    const fields = this.employmentFields;
    const filter =
      changedSince && fields.modifiedAt
        ? [{ field: fields.modifiedAt, value: changedSince.toISOString(), operator: AT_LEAST }]
        : [];
    const rows = await this.readAll(this.settings.employmentsConnector, fields.employmentId, filter);
    const versions = rows.flatMap((row) => {
      const version = this.toEmploymentVersion(row);
      return version ? [version] : [];
    });
    return { complete: filter.length === 0, versions };
  }

  async getPerson(remotePersonId: string): Promise<HrisPerson | undefined> {
    const fields = this.personFields;
    const rows = await this.readAll(this.settings.personsConnector, fields.personId, [
      { field: fields.personId, value: remotePersonId, operator: EQUALS },
    ]);
    const row = rows.find((candidate) => text(candidate[fields.personId]) === remotePersonId);
    if (!row) return undefined;
    const displayName = [row[fields.givenName], row[fields.lastNamePrefix], row[fields.lastName]]
      .map(text)
      .filter(Boolean)
      .join(' ');
    return {
      remotePersonId,
      displayName: displayName || remotePersonId,
      ...optional('privateEmail', text(row[fields.privateEmail])),
      ...optional('workEmail', text(row[fields.workEmail])),
    };
  }

  private toEmploymentVersion(row: AfasRow): EmploymentVersion | undefined {
    const fields = this.employmentFields;
    const employmentId = text(row[fields.employmentId]);
    const personId = text(row[fields.personId]);
    const hireDate = toIsoDate(row[fields.hireDate]);
    if (!employmentId || !personId || !hireDate) return undefined;
    const orgUnitId = text(row[fields.orgUnitId]);
    const jobProfileId = text(row[fields.jobProfileId]);
    const hours = Number(row[fields.hoursPerWeek]);
    return {
      remoteEmploymentId: employmentId,
      remotePersonId: personId,
      hireDate,
      // INFERRED: AFAS leaves the end date empty (null) for an open-ended contract, where YouForce writes 9999-12-31.
      dischargeDate: toIsoDate(row[fields.dischargeDate]) ?? null,
      ...optional(
        'orgUnit',
        orgUnitId
          ? {
              id: orgUnitId,
              ...optional('name', text(row[fields.orgUnitName])),
              ...optional('managerRef', text(row[fields.managerId])),
            }
          : undefined,
      ),
      ...optional(
        'jobProfile',
        jobProfileId ? { id: jobProfileId, ...optional('name', text(row[fields.jobProfileName])) } : undefined,
      ),
      ...optional('employmentType', text(row[fields.employmentType])),
      ...optional('hoursPerWeek', Number.isFinite(hours) && row[fields.hoursPerWeek] !== null ? hours : undefined),
    };
  }

  private async readAll(
    connector: string,
    orderBy: string,
    filters: readonly { field: string; value: string; operator: string }[],
  ): Promise<AfasRow[]> {
    const take = this.settings.pageSize ?? 1000;
    const rows: AfasRow[] = [];
    for (let skip = 0; ; skip += take) {
      const query = new URLSearchParams({ skip: String(skip), take: String(take), orderbyfieldids: orderBy });
      if (filters.length > 0) {
        query.set('filterfieldids', filters.map((filter) => filter.field).join(','));
        query.set('filtervalues', filters.map((filter) => filter.value).join(','));
        query.set('operatortypes', filters.map((filter) => filter.operator).join(','));
      }
      const page = await getJson<{ rows?: AfasRow[] }>({
        hris: 'afas',
        url: `${this.settings.baseUrl.replace(/\/$/, '')}/connectors/${encodeURIComponent(connector)}?${query}`,
        limiter: this.limiter,
        clock: this.clock,
        authorization: async () => this.authorization,
        sent: () => {
          this.apiCalls += 1;
        },
      });
      const batch = page.rows ?? [];
      rows.push(...batch);
      // AFAS: call until a packet comes back without (more) records (App_Cnr_Rest_GET.htm).
      if (batch.length < take) return rows;
    }
  }
}

/** `AfasToken base64(<token><version>1</version><data>…</data></token>)` (App_Cnr_Rest_Api.htm). */
export function afasAuthorization(token: string): string {
  return `AfasToken ${Buffer.from(`<token><version>1</version><data>${token}</data></token>`, 'utf8').toString('base64')}`;
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const result = String(value).trim();
  return result === '' ? undefined : result;
}
