import type { Middleware } from 'openapi-fetch';

/**
 * Polling without re-sending what the page already has: each GET answered with an ETag is remembered, the next
 * identical GET carries it as If-None-Match, and the API's 304 (no body) is handed to the page as the remembered
 * answer. The lists (GET /hires, GET /tasks) answer 304 without reading a row while the journeys stand still.
 */
const MAX_REMEMBERED = 64;
const remembered = new Map<string, { etag: string; body: string; contentType: string }>();

/** The same URL asked by another person, role or in another language is another answer. */
function keyOf(request: Request): string {
  const header = (name: string) => request.headers.get(name) ?? '';
  return JSON.stringify([
    request.url,
    header('Authorization'),
    header('X-Role'),
    header('X-Person-Ref'),
    header('X-Organisation-Id'),
    header('Accept-Language'),
  ]);
}

export const conditionalRequests: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET') return request;
    const last = remembered.get(keyOf(request));
    if (last) request.headers.set('If-None-Match', last.etag);
    return request;
  },
  async onResponse({ request, response }) {
    if (request.method !== 'GET') return response;
    const key = keyOf(request);
    const last = remembered.get(key);
    if (response.status === 304 && last) {
      return new Response(last.body, { status: 200, headers: { 'Content-Type': last.contentType, ETag: last.etag } });
    }
    const etag = response.headers.get('ETag');
    if (response.ok && etag) {
      remembered.delete(key); // re-inserted last: the map's order is the order of use
      remembered.set(key, {
        etag,
        body: await response.clone().text(),
        contentType: response.headers.get('Content-Type') ?? 'application/json',
      });
      if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    }
    return response;
  },
};
