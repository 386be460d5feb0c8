import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import type { paths } from '../../../contracts/generated/openapi';
import { languageForRequests } from '../i18n/language';
import { sessionForRequests } from '../session/session';
import { conditionalRequests } from './conditionalRequests';

/**
 * Every request carries the session's credentials and the person's language, so problem details come back
 * in the language the page shows. The API is on the same origin (it serves this app under /app/).
 */
const credentials: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', languageForRequests());
    const session = sessionForRequests();
    if (session?.kind === 'api-key') request.headers.set('Authorization', `Bearer ${session.apiKey}`);
    if (session?.kind === 'magic-link') request.headers.set('Authorization', `Bearer ${session.token}`);
    if (session?.kind === 'oidc') request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    if (session?.kind === 'dev') {
      request.headers.set('X-Role', session.role);
      if (session.personRef) request.headers.set('X-Person-Ref', session.personRef);
    }
    return request;
  },
};

export const fetchClient = createFetchClient<paths>({ baseUrl: window.location.origin });
fetchClient.use(credentials, conditionalRequests);
export const $api = createQueryClient(fetchClient);

/** The X-Organisation-Id every tenant operation names (a required header of the contract). */
export function organisationHeader(): { 'X-Organisation-Id': string } {
  return { 'X-Organisation-Id': sessionForRequests()?.organisationId ?? '' };
}

/**
 * One key per intended command (a submitted form, a click on "complete"): a retry or a double click reuses it,
 * so the API does it once. getRandomValues, unlike randomUUID, also works on plain-HTTP origins.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
