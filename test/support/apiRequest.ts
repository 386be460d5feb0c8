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
