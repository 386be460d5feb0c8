import { randomUUID } from 'node:crypto';
import type { Role } from '../../services/auth/roles';
import type { RunningSystem } from './runningSystem';

/**
 * A JSON request to the API as a client of one organisation sends it; `headers` add to or override the defaults
 * (credentials, Idempotency-Key, Accept-Language, …).
 */
export function apiRequest(
  baseUrl: string,
  organisationId: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-organisation-id': organisationId, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** How a test sends to the API once the organisation and the credentials are fixed. */
export type ApiSend = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>;

/**
 * Requests with these credentials, each with a fresh Idempotency-Key so that no two commands of a test are taken for
 * a retry of one another; `headers` still override (a test that replays a key names it). `baseUrl` may be a getter,
 * for a system that a beforeAll starts after the function is made.
 */
export function requestsWith(
  baseUrl: string | (() => string),
  organisationId: string,
  credentials: Record<string, string>,
): ApiSend {
  return (method, path, body, headers = {}) =>
    apiRequest(typeof baseUrl === 'string' ? baseUrl : baseUrl(), organisationId, method, path, body, {
      ...credentials,
      'idempotency-key': randomUUID(),
      ...headers,
    });
}

/** Requests in dev mode (SOFT_LANDING_AUTH_MODE=dev) as one role says it is, through X-Role. */
export function requestsAs(baseUrl: string | (() => string), organisationId: string, role: string): ApiSend {
  return requestsWith(baseUrl, organisationId, { 'x-role': role });
}

/** The token of an API key issued now for one role of the organisation, labelled as the key list shows it. */
export function apiKeyToken(
  system: RunningSystem,
  organisationId: string,
  role: Role,
  label: string = role,
  createdBy = 'test',
): string {
  return system.apiKeys.issue({ organisationId, roles: [role], label, createdBy }).token;
}

/** Requests with an API key issued now for one role of the organisation, as a system with auth required wants. */
export function requestsWithApiKey(system: RunningSystem, organisationId: string, role: Role): ApiSend {
  const token = apiKeyToken(system, organisationId, role);
  return requestsWith(system.baseUrl, organisationId, { authorization: `Bearer ${token}` });
}
