import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { loadOpenApiDocument } from '../../services/http/openapiDocument';
import { WEB_APP_PREFIX, webAppRouter } from '../../services/api/webAppRouter';
import { OidcVerifier } from '../../services/auth/oidcVerifier';

/** What the sign-in page is told of a provider people sign in with: public client id, scopes, never more. */
const WORK_ACCOUNT = {
  issuer: 'https://login.example/tenant-a/v2.0',
  clientId: 'soft-landing-web',
  scopes: 'openid api://soft-landing/access',
  displayName: 'Jeugdzorg West',
};

describe('the work accounts the sign-in page offers', () => {
  it('are the OIDC providers with a client id for the web app, and only what a browser needs of them', () => {
    const verifier = new OidcVerifier([
      {
        ...WORK_ACCOUNT,
        audience: 'api://soft-landing',
        organisationId: 'jeugdzorg-west',
        rolesClaim: 'roles',
        jwksUri: 'https://login.example/keys',
      },
      // Machine tokens only: accepted by the API, not offered to people.
      { issuer: 'https://hris.example', audience: 'api://soft-landing', organisationClaim: 'org' },
      {
        issuer: 'https://idp.example/realms/noord',
        audience: 'api://soft-landing',
        organisationId: 'noord',
        clientId: 'web',
        resource: 'api://soft-landing',
      },
    ]);
    expect(verifier.workAccounts()).toEqual([
      WORK_ACCOUNT,
      {
        issuer: 'https://idp.example/realms/noord',
        clientId: 'web',
        scopes: 'openid',
        resource: 'api://soft-landing',
        displayName: 'idp.example',
      },
    ]);
  });
});

describe('the web app on the API origin', () => {
  let server: Server;
  let baseUrl: string;
  let missingServer: Server;
  let missingUrl: string;

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Zachte Landing</title>');
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd.js'), 'console.log(1)');
    writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
    const listenOn = (app: express.Express) =>
      new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
    server = await listenOn(express().use(webAppRouter({ devMode: true, workAccounts: [WORK_ACCOUNT] }, dist)));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    missingServer = await listenOn(
      express().use(webAppRouter({ devMode: false, workAccounts: [] }, join(dist, 'nothing-here'))),
    );
    missingUrl = `http://127.0.0.1:${(missingServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => missingServer.close(resolve));
  });

  it('redirects / to the app', async () => {
    const res = await fetch(`${baseUrl}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/app/');
  });

  it.each(['/app', '/app/', '/app/hires/h-1', '/app/tasks?ownerRole=hr'])(
    'answers the page %s with index.html, checked every time',
    async (path) => {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('Zachte Landing');
    },
  );

  it('keeps hashed assets for a year and answers a missing one with 404, not the page', async () => {
    const asset = await fetch(`${baseUrl}/app/assets/index-Ab12Cd.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${baseUrl}/app/assets/index-gone.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('Zachte Landing');
  });

  it('serves other files of the build, and tells the app how to sign in', async () => {
    expect((await fetch(`${baseUrl}/app/favicon.svg`)).status).toBe(200);
    const settings = await fetch(`${baseUrl}/app/settings.json`);
    expect(settings.headers.get('cache-control')).toBe('no-store');
    expect(await settings.json()).toEqual({ devMode: true, workAccounts: [WORK_ACCOUNT] });
  });

  it('says how to build the app when it is not built', async () => {
    const res = await fetch(`${missingUrl}/app/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });

  it('leaves every other path to the API', async () => {
    expect((await fetch(`${baseUrl}/hires`)).status).toBe(404); // nothing else is mounted here
    expect((await fetch(`${baseUrl}/application`)).status).toBe(404);
  });
});

describe('contracts/openapi.yaml and the web app prefix', () => {
  it('has no API path under /app, which belongs to the web app', () => {
    const paths = Object.keys(loadOpenApiDocument().paths);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((path) => path.startsWith(WEB_APP_PREFIX))).toEqual([]);
  });
});
