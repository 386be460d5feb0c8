import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpFake, sendJson } from './httpFake';
import type { Clock } from '../../services/hris-connector/clock';

/**
 * A fake AFAS Profit REST service (help.afas.nl App_Cnr_Rest_GET / App_Cnr_Rest_Api), per environment:
 * - `GET /profitrestservices/connectors/{GetConnector}?skip=&take=&orderbyfieldids=&filterfieldids=&filtervalues=&operatortypes=`
 *   → `{skip, take, rows: [...]}`; the caller pages until a packet has fewer rows than `take`.
 * - `Authorization: AfasToken base64(<token><version>1</version><data>…</data></token>)`, else 401.
 * - Filters with operator types 1 (equals) and 2 (greater than or equal), as the filter XML documentation lists them.
 * - Rows carry an audit field (`Gewijzigd_op`) set when they change. INFERRED: a customer's GetConnector typically
 *   leaves out contracts ended long ago; the fake drops them `retentionDays` after their end date (90, like YouForce).
 * - 429 with Retry-After on demand (AFAS publishes no limit; the client must still honour one).
 */
export class FakeAfas extends HttpFake {
  readonly requests: string[] = [];
  private readonly connectors = new Map<string, Record<string, unknown>[]>();

  constructor(
    clock: Clock,
    private readonly options: {
      token: string;
      employmentsConnector: string;
      personsConnector: string;
      retentionDays?: number;
    },
  ) {
    super(clock);
    this.connectors.set(options.employmentsConnector, []);
    this.connectors.set(options.personsConnector, []);
  }

  putRow(connector: string, keyField: string, row: Record<string, unknown>): void {
    const rows = this.connectors.get(connector)!;
    const stamped = { ...row, Gewijzigd_op: new Date(this.clock.now()).toISOString() };
    const index = rows.findIndex((candidate) => candidate[keyField] === row[keyField]);
    if (index >= 0) rows[index] = { ...rows[index], ...stamped };
    else rows.push(stamped);
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    this.requests.push(`${request.method} ${url.pathname}${url.search}`);
    const match = /^\/profitrestservices\/connectors\/([^/]+)$/i.exec(url.pathname);
    if (request.method !== 'GET' || !match) return sendJson(response, 404, { message: 'Not found' });
    const expected = `AfasToken ${Buffer.from(`<token><version>1</version><data>${this.options.token}</data></token>`).toString('base64')}`;
    if (request.headers.authorization !== expected)
      return sendJson(response, 401, { externalMessage: 'Geen geldig token' });
    const rows = this.connectors.get(decodeURIComponent(match[1]!));
    if (!rows) return sendJson(response, 404, { externalMessage: 'Connector bestaat niet' });
    await this.api(response, () => {
      const fields = (url.searchParams.get('filterfieldids') ?? '').split(',').filter(Boolean);
      const values = (url.searchParams.get('filtervalues') ?? '').split(',');
      const operators = (url.searchParams.get('operatortypes') ?? '').split(',');
      const orderBy = url.searchParams.get('orderbyfieldids');
      const selected = rows
        .filter(
          (row) =>
            match[1] !== this.options.employmentsConnector ||
            !this.isPastRetention(row.Einddatum as string | null, this.options.retentionDays ?? 90),
        )
        .filter((row) => fields.every((field, index) => compare(row[field], operators[index]!, values[index]!)))
        .sort((a, b) => (orderBy ? String(a[orderBy]).localeCompare(String(b[orderBy])) : 0));
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const take = Number(url.searchParams.get('take') ?? 100);
      sendJson(response, 200, { skip, take, rows: selected.slice(skip, skip + take) });
    });
  }
}

function compare(actual: unknown, operator: string, expected: string): boolean {
  const value = actual === null || actual === undefined ? '' : String(actual);
  if (operator === '1') return value === expected;
  if (operator === '2') return value >= expected;
  throw new Error(`operator ${operator} not supported by the fake`);
}
