import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import type { WebAppSettings } from '../../contracts/webAppSettings';
import { WEB_APP_PREFIX } from '../shared/webAppPaths';

export { WEB_APP_PREFIX, type WebAppSettings };

/** `vite build` writes web/dist; `npm run build` copies it beside the compiled code, as it does the contracts. */
export const WEB_APP_DIST = join(__dirname, '../../web/dist');

/** Vite names every built asset after a hash of its content, so a browser may keep one for a year unasked. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The web app on the API's own origin (no CORS): its static files under /app/, index.html for every other page
 * path under /app/ (the app routes in the browser), and / redirected to /app/. Mounted before authentication:
 * the files are public, every API call the app then makes carries its own credentials.
 */
export function webAppRouter(settings: WebAppSettings, dist = WEB_APP_DIST): Router {
  const router = Router();
  const indexHtml = join(dist, 'index.html');
  router.get('/', (_req, res) => res.redirect(302, `${WEB_APP_PREFIX}/`));
  router.get(`${WEB_APP_PREFIX}/settings.json`, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(settings);
  });
  router.use(
    `${WEB_APP_PREFIX}/assets`,
    express.static(join(dist, 'assets'), { index: false, setHeaders: (res) => res.set('Cache-Control', IMMUTABLE) }),
    // A missing asset is a 404, never index.html (which a browser would refuse to run as a script).
    (_req, res) => {
      res.status(404).type('text/plain').send('Not found\n');
    },
  );
  router.use(
    WEB_APP_PREFIX,
    express.static(dist, { index: false, redirect: false, setHeaders: (res) => res.set('Cache-Control', 'no-cache') }),
  );
  router.get(new RegExp(`^${WEB_APP_PREFIX}(/.*)?$`), (_req, res) => {
    if (!existsSync(indexHtml)) {
      res.status(503).type('text/plain').send('The web app is not built: run `npm run build` (npm start builds it).\n');
      return;
    }
    // index.html names the hashed assets of the current build, so it is checked with the server every time.
    res.set('Cache-Control', 'no-cache').sendFile(indexHtml);
  });
  return router;
}
