/**
 * Where the API serves the web app (web/): a prefix no API path of contracts/openapi.yaml may use. Here, not in the
 * API's router, because the worker's mails link into the app too.
 */
export const WEB_APP_PREFIX = '/app';
