/**
 * The first-load JavaScript of the built web app, gzipped: every script and module preload index.html names
 * (what a browser fetches before the first page shows). `npm run build` fails above the budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const FIRST_LOAD_JS_BUDGET_BYTES = 300 * 1024;
export const WEB_DIST = fileURLToPath(new URL('./dist', import.meta.url));

export function firstLoadJs(dist = WEB_DIST): { files: { file: string; gzipBytes: number }[]; gzipBytes: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => match[1] ?? match[2]!);
  const files = [...new Set(urls)].map((url) => {
    const file = url.replace(/^\/app\//, '');
    return { file, gzipBytes: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length };
  });
  return { files, gzipBytes: files.reduce((sum, { gzipBytes }) => sum + gzipBytes, 0) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files, gzipBytes } = firstLoadJs();
  for (const { file, gzipBytes: bytes } of files) console.log(`  ${file}: ${(bytes / 1024).toFixed(1)} kB gzipped`);
  const verdict = `first-load JavaScript: ${(gzipBytes / 1024).toFixed(1)} kB gzipped (budget ${FIRST_LOAD_JS_BUDGET_BYTES / 1024} kB)`;
  if (files.length === 0 || gzipBytes > FIRST_LOAD_JS_BUDGET_BYTES) {
    console.error(`web app over budget or without scripts: ${verdict}`);
    process.exit(1);
  }
  console.log(verdict);
}
