import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Response, Router } from 'express';
import { parse } from 'yaml';
import { ASYNCAPI_PATH } from '../relay/topics';
import {
  REDOC_INIT_SCRIPT,
  REDOC_INIT_SOURCE,
  REDOC_SCRIPT,
  type ReferenceContract,
  apiReferencePage,
} from './apiReferencePage';
import { DOCS_CONTENT_SECURITY_POLICY, docsPage } from './docsHtml';
import { eventsReferencePage } from './eventsReferencePage';
import { OPENAPI_PATH } from '../http/openapiDocument';
import { Problem } from '../problems/problem';
import type { PathMethods } from './resourceMethods';

/**
 * The paths this router serves: outside contracts/openapi.yaml (the contract does not describe its own
 * documentation), but known to the method guard so they answer OPTIONS and 405 like the API's own paths.
 */
export const DOCS_PATHS: PathMethods = {
  '/docs': ['get'],
  '/docs/api': ['get'],
  '/docs/events': ['get'],
  '/docs/openapi.yaml': ['get'],
  '/docs/openapi.json': ['get'],
  '/docs/asyncapi.yaml': ['get'],
  '/docs/events/{schema}': ['get'],
  '/docs/assets/{file}': ['get'],
};

const EVENTS_DIR = join(dirname(ASYNCAPI_PATH), 'events');

/**
 * The contracts where integration developers look for them, without credentials: the OpenAPI document as the API
 * validates against it (YAML, and as JSON), a reference rendered from it by Redoc (served from node_modules, no CDN),
 * the AsyncAPI document with the event schemas it refers to, and the AsyncAPI document rendered as HTML.
 */
export function docsRouter(): Router {
  const openapiYaml = readFileSync(OPENAPI_PATH, 'utf8');
  const openapi = parse(openapiYaml) as ReferenceContract;
  const asyncapiYaml = readFileSync(ASYNCAPI_PATH, 'utf8');
  // asyncapi.yaml refers to ./events/<type>.v1.json: served beside it, so the document resolves where it is served.
  const eventSchemas = new Set(readdirSync(EVENTS_DIR).filter((file) => file.endsWith('.json')));
  const redocBundle = readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'));
  const referencePage = apiReferencePage(openapi);
  let eventsPage: Promise<string> | undefined;

  const router = Router();
  router.use('/docs', (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  router.get('/docs', (_req, res) => html(res, indexPage()));
  router.get('/docs/api', (_req, res) => html(res, referencePage));
  router.get('/docs/events', async (_req, res) => {
    // Rendered on first request (the parser takes a second), then kept; a failed render is tried again next time.
    eventsPage ??= eventsReferencePage(ASYNCAPI_PATH).catch((error: unknown) => {
      eventsPage = undefined;
      throw error;
    });
    html(res, await eventsPage);
  });
  router.get('/docs/openapi.yaml', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/yaml; charset=utf-8').send(openapiYaml);
  });
  router.get('/docs/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json(openapi);
  });
  router.get('/docs/asyncapi.yaml', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/yaml; charset=utf-8').send(asyncapiYaml);
  });
  router.get('/docs/events/:schema', (req, res, next) => {
    if (!eventSchemas.has(req.params.schema)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/schema+json').send(readFileSync(join(EVENTS_DIR, req.params.schema)));
  });
  router.get(REDOC_SCRIPT, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('text/javascript').send(redocBundle);
  });
  router.get(REDOC_INIT_SCRIPT, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/javascript').send(REDOC_INIT_SOURCE);
  });
  // Under /docs nothing needs credentials, not even to learn that a page does not exist.
  router.use('/docs', (req, _res, next) =>
    next(new Problem(404, 'route-not-found', { method: req.method, path: req.originalUrl.split('?')[0]! })),
  );
  return router;
}

function html(res: Response, page: string): void {
  res.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
  res.setHeader('Cache-Control', 'no-cache');
  res.type('text/html; charset=utf-8').send(page);
}

function indexPage(): string {
  return docsPage({
    title: 'Soft Landing: contracts',
    body: `<main class="docs">
<h1>Soft Landing: contracts</h1>
<ul>
<li><a href="/docs/api">HTTP API reference</a>, rendered by Redoc from <a href="/docs/openapi.yaml">openapi.yaml</a> (also as <a href="/docs/openapi.json">JSON</a>): what HR systems and integrations call.</li>
<li><a href="/docs/events">Kafka event reference</a>, rendered from <a href="/docs/asyncapi.yaml">asyncapi.yaml</a>: the topics, their CloudEvents and the JSON Schema of every event.</li>
</ul>
</main>`,
  });
}
