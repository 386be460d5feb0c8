import { docsPage, escapeHtml, markdownLite } from './docsHtml';

interface ContractOperation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly tags?: readonly string[];
}

export interface ReferenceContract {
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly tags?: readonly { readonly name: string; readonly description?: string }[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Where the docs router serves Redoc's standalone bundle (from node_modules/redoc) and the script that starts it. */
export const REDOC_SCRIPT = '/docs/assets/redoc.standalone.js';
export const REDOC_INIT_SCRIPT = '/docs/assets/redoc-init.js';

/** Started by the page once Redoc has loaded: it renders the contract this server serves into #redoc. */
export const REDOC_INIT_SOURCE = `// Soft Landing: render the API reference from the contract served beside this script (same origin, no CDN).
Redoc.init('/docs/openapi.json', { expandResponses: '200,201', jsonSampleExpandLevel: 3, sortTagsAlphabetically: false }, document.getElementById('redoc'));
`;

/**
 * The API reference: Redoc renders the contract in the browser; until it has (or without JavaScript) the page lists
 * every operation of the contract by tag, rendered here on the server.
 */
export function apiReferencePage(contract: ReferenceContract): string {
  const byTag = new Map<string, string[]>((contract.tags ?? []).map((tag) => [tag.name, []]));
  for (const [path, item] of Object.entries(contract.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as ContractOperation | undefined;
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag
        .get(tag)!
        .push(
          `<li><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> — ` +
            `<code>${escapeHtml(operation.operationId ?? '')}</code>: ${escapeHtml(operation.summary ?? '')}</li>`,
        );
    }
  }
  const descriptions = new Map((contract.tags ?? []).map((tag) => [tag.name, tag.description]));
  const sections = [...byTag]
    .filter(([, operations]) => operations.length > 0)
    .map(
      ([tag, operations]) =>
        `<h2>${escapeHtml(tag)}</h2>\n${markdownLite(descriptions.get(tag))}\n<ul>\n${operations.join('\n')}\n</ul>`,
    )
    .join('\n');
  const body = `<div id="redoc"><main class="docs">
<h1>${escapeHtml(contract.info.title)} <small>${escapeHtml(contract.info.version)}</small></h1>
<p>The full reference loads here (Redoc). The contract itself: <a href="/docs/openapi.yaml">openapi.yaml</a>.</p>
${markdownLite(contract.info.description)}
${sections}
</main></div>`;
  return docsPage({ title: `${contract.info.title}: reference`, body, scripts: [REDOC_SCRIPT, REDOC_INIT_SCRIPT] });
}
