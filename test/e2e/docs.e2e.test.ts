import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type RunningSystem, runningSystemForBlock } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';

const repo = join(__dirname, '../..');
const OPENAPI_FILE = join(repo, 'contracts/openapi.yaml');
const ASYNCAPI_FILE = join(repo, 'contracts/asyncapi.yaml');

const openapi = parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const asyncapi = parse(readFileSync(ASYNCAPI_FILE, 'utf8')) as {
  channels: Record<string, { address: string }>;
  operations: Record<string, unknown>;
  components: { messages: Record<string, { name?: string }> };
};
const operationIds = Object.values(openapi.paths).flatMap((item) =>
  Object.values(item).flatMap((operation) =>
    typeof operation === 'object' && operation?.operationId ? [operation.operationId] : [],
  ),
);

/** Every URL an HTML page makes the browser load or lead to: script and image sources, stylesheets, links. */
function referencedUrls(html: string): { scripts: string[]; loaded: string[] } {
  const attribute = (tag: string, name: string) =>
    [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}=["']([^"']+)["']`, 'gi'))].map((match) => match[1]!);
  return {
    scripts: attribute('script', 'src'),
    loaded: [
      ...attribute('img', 'src'),
      ...attribute('link', 'href'),
      ...attribute('iframe', 'src'),
      ...attribute('source', 'src'),
    ],
  };
}

/** A path on this server: `/x`, not `//cdn…/x` and not `https://…`. */
const SAME_ORIGIN = /^\/(?!\/)/;

/**
 * The contracts where integration developers look for them: served by the running API under /docs, with
 * authentication on as in production and no credentials sent, rendered without anything from a CDN.
 */
describeWithServices(['temporal'], 'the contracts served under /docs', () => {
  let system: RunningSystem;

  runningSystemForBlock({ kafka: false, auth: 'required' }, (started) => {
    system = started;
  });

  const get = (path: string) => fetch(`${system.baseUrl}${path}`);

  it('serves contracts/openapi.yaml byte for byte, and as JSON', async () => {
    const yaml = await get('/docs/openapi.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(await yaml.text()).toBe(readFileSync(OPENAPI_FILE, 'utf8'));
    const json = await get('/docs/openapi.json');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json.json()).toEqual(openapi);
  });

  it('serves contracts/asyncapi.yaml and the event schemas it refers to, where its relative $refs point', async () => {
    const yaml = await get('/docs/asyncapi.yaml');
    expect(await yaml.text()).toBe(readFileSync(ASYNCAPI_FILE, 'utf8'));
    const refs = [...readFileSync(ASYNCAPI_FILE, 'utf8').matchAll(/\$ref: '\.\/(events\/[A-Za-z]+\.v1\.json)'/g)].map(
      (match) => match[1]!,
    );
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const schema = await get(`/docs/${ref}`);
      expect([ref, schema.status]).toEqual([ref, 200]);
      expect(await schema.text()).toBe(readFileSync(join(repo, 'contracts', ref), 'utf8'));
    }
    expect((await get('/docs/events/..%2Fopenapi.yaml')).status).toBe(404);
  });

  it('renders the API reference with Redoc from same-origin scripts only, listing every operation of the contract', async () => {
    const page = await get('/docs/api');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    // The browser enforces it too: scripts from this origin only.
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    const html = await page.text();
    for (const operationId of operationIds) expect(html).toContain(operationId);
    expect(html).toContain('<code>/hires/{hireId}/history</code>');

    const { scripts, loaded } = referencedUrls(html);
    expect(scripts).toEqual(['/docs/assets/redoc.standalone.js', '/docs/assets/redoc-init.js']);
    for (const url of [...scripts, ...loaded]) expect(url).toMatch(SAME_ORIGIN);
    const redoc = await get(scripts[0]!);
    expect(redoc.headers.get('content-type')).toMatch(/^text\/javascript/);
    const bundle = await redoc.text();
    expect(bundle).toBe(readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'), 'utf8'));
    const init = await (await get(scripts[1]!)).text();
    // Redoc reads the contract from this server, not from anywhere else.
    expect(init).toContain("Redoc.init('/docs/openapi.json'");
    expect(init).not.toMatch(/https?:\/\//);
  });

  it('renders the AsyncAPI document as HTML: channels, operations, messages and their payload schemas, without scripts', async () => {
    const page = await get('/docs/events');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    for (const { address } of Object.values(asyncapi.channels)) expect(html).toContain(`<code>${address}</code>`);
    for (const operationId of Object.keys(asyncapi.operations)) expect(html).toContain(`id="operation-${operationId}"`);
    for (const messageId of Object.keys(asyncapi.components.messages))
      expect(html).toContain(`id="message-${messageId}"`);
    // A payload schema, resolved from contracts/events: HireRegistered's fields, required ones marked, with their types.
    const hireRegistered = html.slice(
      html.indexOf('id="message-HireRegistered"'),
      html.indexOf('</section>', html.indexOf('id="message-HireRegistered"')),
    );
    const schema = JSON.parse(readFileSync(join(repo, 'contracts/events/HireRegistered.v1.json'), 'utf8')) as {
      required: string[];
    };
    for (const field of schema.required)
      expect(hireRegistered).toContain(`<code>${field}</code> <span class="required">required</span>`);
    expect(hireRegistered).toContain('<code>ce_type</code>'); // the CloudEvents headers, from the message trait
    expect(hireRegistered).toContain('string (format date)');
    const { scripts, loaded } = referencedUrls(html);
    expect(scripts).toEqual([]);
    for (const url of loaded) expect(url).toMatch(SAME_ORIGIN);
  });

  it("links the pages from /docs, needs no credentials anywhere under it, and keeps out of the API's paths", async () => {
    const index = await (await get('/docs')).text();
    for (const path of ['/docs/api', '/docs/events', '/docs/openapi.yaml', '/docs/asyncapi.yaml'])
      expect(index).toContain(`href="${path}"`);
    // Without credentials an unknown docs path is a plain 404, not a 401.
    expect((await get('/docs/nothing-here')).status).toBe(404);
    expect(Object.keys(openapi.paths).filter((path) => path === '/docs' || path.startsWith('/docs/'))).toEqual([]);
    // The API itself still wants credentials.
    expect((await get('/hires')).status).toBe(401);
  });
});
