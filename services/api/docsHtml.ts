/** What the docs pages (docsRouter.ts) share: escaping, a little Markdown, one layout. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The Markdown the contracts' descriptions use: paragraphs, `code`, **bold** and `-` lists. Everything is escaped
 * first, so a description can never add markup of its own.
 */
export function markdownLite(text: string | undefined): string {
  if (!text) return '';
  const inline = (line: string) =>
    escapeHtml(line)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => {
      const lines = block.split('\n').map((line) => line.trim());
      if (lines.every((line) => line.startsWith('- ')))
        return `<ul>${lines.map((line) => `<li>${inline(line.slice(2))}</li>`).join('')}</ul>`;
      return `<p>${inline(lines.join(' '))}</p>`;
    })
    .join('\n');
}

/** Same-origin scripts only (nothing from a CDN); Redoc sets inline styles and runs its search in a blob worker. */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2933; line-height: 1.5; }
  header.docs { background: #0b3d5c; color: #fff; padding: 0.6rem 1.5rem; display: flex; gap: 1.5rem; align-items: baseline; flex-wrap: wrap; }
  header.docs a { color: #fff; }
  header.docs strong { font-size: 1.1rem; }
  main.docs { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
  main.docs h2 { border-bottom: 1px solid #cbd2d9; padding-bottom: 0.2rem; margin-top: 2.5rem; }
  main.docs h3 { margin-bottom: 0.2rem; }
  code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
  pre { background: #f5f7fa; padding: 0.75rem; overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
  th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #e4e7eb; padding: 0.3rem 0.5rem; }
  th { background: #f5f7fa; }
  .method { display: inline-block; min-width: 4.5rem; font-weight: 600; }
  .tag { display: inline-block; background: #e4e7eb; border-radius: 0.2rem; padding: 0 0.35rem; font-size: 0.85em; }
  .required { color: #b42318; font-size: 0.85em; }
  section.item { border-left: 3px solid #cbd2d9; padding-left: 1rem; margin: 1.5rem 0; }
`;

export interface PageOptions {
  readonly title: string;
  /** Trusted HTML (built from escaped parts). */
  readonly body: string;
  /** Same-origin script paths, loaded in order at the end of the page. */
  readonly scripts?: readonly string[];
}

export function docsPage({ title, body, scripts = [] }: PageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="docs">
  <strong>Soft Landing</strong>
  <a href="/docs/api">HTTP API (OpenAPI)</a>
  <a href="/docs/events">Kafka events (AsyncAPI)</a>
  <a href="/docs/openapi.yaml">openapi.yaml</a>
  <a href="/docs/openapi.json">openapi.json</a>
  <a href="/docs/asyncapi.yaml">asyncapi.yaml</a>
</header>
${body}
${scripts.map((src) => `<script src="${escapeHtml(src)}"></script>`).join('\n')}
</body>
</html>
`;
}
