import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpFake, readBody, sendJson } from './httpFake';
import type { Clock } from '../../services/hris-connector/clock';
import type { YouForceSettings } from '../../services/hris-connector/youforce/youforceConnector';

/**
 * A fake Visma Raet YouForce, shaped after what the vendor documents (shared/hris-youforce-notes.md):
 * - `POST /connect/token` (client credentials + tenant_id) → `{access_token, token_type, expires_in: 3600, scope}`;
 *   a token older than 3600 s on the shared clock is refused with 401.
 * - `GET /iam/v1.0/{employments|persons|organizationUnits|jobProfiles}` → `{value, nextLink}`; `take` (default 500);
 *   `from`/`to` return records changed in the range; `personCode=` filters.
 * - 3 concurrent calls and 100 a minute per app, else 429 with Retry-After.
 * - Employments disappear 90 days after their dischargeDate; empty properties are omitted; an employment can have
 *   future-dated versions (`validFrom` ahead), which the API already returns.
 */
export interface FakeEmployment {
  id: string;
  personCode: string;
  hireDate: string;
  dischargeDate?: string;
  organizationUnit?: string;
  jobProfile?: string;
  employmentType?: string;
  workingAmount?: { amountOfWork?: number; parttimePercentage?: number };
  validFrom?: string;
  validUntil?: string;
}

export interface FakePerson {
  id: string;
  personCode: string;
  knownAs?: string;
  firstNames?: string;
  lastName?: string;
  lastNamePrefix?: string;
  emailAddresses?: { type: 'Business' | 'Private'; address: string }[];
}

interface Stored<T> {
  record: T;
  changedAt: number;
}

const TOKEN_LIFETIME_S = 3600;
const RETENTION_DAYS = 90;

export class FakeYouForce extends HttpFake {
  tokenCalls = 0;
  readonly requests: string[] = [];
  private readonly tokens = new Map<string, number>();
  private readonly employments: Stored<FakeEmployment>[] = [];
  private readonly persons: Stored<FakePerson>[] = [];
  private readonly orgUnits: Stored<Record<string, unknown>>[] = [];
  private readonly jobProfiles: Stored<Record<string, unknown>>[] = [];

  constructor(
    clock: Clock,
    private readonly credentials = { clientId: 'soft-landing', clientSecret: 's3cret', tenantId: 'T123' },
  ) {
    super(clock, { perMinute: 100, concurrent: 3 });
  }

  /** What a connector is configured with to reach this fake (once started) with the credentials it accepts. */
  connectorSettings(): YouForceSettings {
    return { ...this.credentials, apiBaseUrl: this.baseUrl, tokenUrl: `${this.baseUrl}/connect/token` };
  }

  addOrgUnit(unit: {
    id: string;
    shortName?: string;
    fullName?: string;
    parentOrgUnit?: string;
    manager?: string;
  }): void {
    this.orgUnits.push({ record: unit, changedAt: this.clock.now() });
  }

  addJobProfile(profile: { id: string; shortName?: string; fullName?: string }): void {
    this.jobProfiles.push({ record: profile, changedAt: this.clock.now() });
  }

  putPerson(person: FakePerson): void {
    const existing = this.persons.find((stored) => stored.record.id === person.id);
    if (existing) Object.assign(existing, { record: person, changedAt: this.clock.now() });
    else this.persons.push({ record: person, changedAt: this.clock.now() });
  }

  /** Adds or replaces the version of employment `id` with the same `validFrom`. Open-ended unless dischargeDate is set. */
  putEmployment(employment: FakeEmployment): void {
    const record = { dischargeDate: '9999-12-31', ...employment };
    const existing = this.employments.find(
      (stored) => stored.record.id === record.id && stored.record.validFrom === record.validFrom,
    );
    if (existing) Object.assign(existing, { record, changedAt: this.clock.now() });
    else this.employments.push({ record, changedAt: this.clock.now() });
  }

  /** Changes every version of an employment, as an HR officer editing it today would. */
  updateEmployment(id: string, change: Partial<FakeEmployment>): void {
    for (const stored of this.employments.filter((candidate) => candidate.record.id === id)) {
      stored.record = { ...stored.record, ...change };
      stored.changedAt = this.clock.now();
    }
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    this.requests.push(`${request.method} ${url.pathname}${url.search}`);
    if (request.method === 'POST' && url.pathname === '/connect/token') return this.token(request, response);
    const match = /^\/iam\/v1\.0\/(employments|persons|organizationUnits|jobProfiles)$/.exec(url.pathname);
    if (request.method !== 'GET' || !match) return sendJson(response, 404, { message: 'Not found' });
    const issuedAt = this.tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (issuedAt === undefined || this.clock.now() - issuedAt >= TOKEN_LIFETIME_S * 1000) {
      return sendJson(response, 401, { message: 'Unauthorized' });
    }
    await this.api(response, () => this.list(match[1]!, url, response));
  }

  private async token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.tokenCalls += 1;
    const form = new URLSearchParams(await readBody(request));
    const { clientId, clientSecret, tenantId } = this.credentials;
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_id') !== clientId ||
      form.get('client_secret') !== clientSecret
    ) {
      return sendJson(response, 400, { error: 'invalid_client' });
    }
    if (form.get('tenant_id') !== tenantId) return sendJson(response, 400, { error: 'invalid_request' });
    const token = randomUUID();
    this.tokens.set(token, this.clock.now());
    sendJson(response, 200, {
      access_token: token,
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_S,
      scope: 'Youforce-IAM:Get_Basic',
    });
  }

  private list(resource: string, url: URL, response: ServerResponse): void {
    const all = (
      resource === 'employments'
        ? this.employments.filter((stored) => !this.isPastRetention(stored.record.dischargeDate, RETENTION_DAYS))
        : resource === 'persons'
          ? this.persons
          : resource === 'organizationUnits'
            ? this.orgUnits
            : this.jobProfiles
    ) as Stored<Record<string, unknown>>[];
    const from = url.searchParams.get('from');
    const to = url.searchParams.get('to');
    const personCode = url.searchParams.get('personCode');
    const selected = all.filter(
      (stored) =>
        (!from || stored.changedAt >= Date.parse(from)) &&
        (!to || stored.changedAt <= Date.parse(to)) &&
        (!personCode || String(stored.record.personCode) === personCode),
    );
    const take = Number(url.searchParams.get('take') ?? 500);
    const skip = Number(url.searchParams.get('skip') ?? 0);
    const page = selected.slice(skip, skip + take).map((stored) => withoutEmpty(stored.record));
    const next = new URL(url.toString());
    next.searchParams.set('skip', String(skip + take));
    sendJson(response, 200, { value: page, nextLink: skip + take < selected.length ? next.toString() : null });
  }
}

/** The API omits empty properties. */
function withoutEmpty(record: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  );
}
