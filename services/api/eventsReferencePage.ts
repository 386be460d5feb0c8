import { Parser, fromFile } from '@asyncapi/parser';
import { docsPage, escapeHtml, markdownLite } from './docsHtml';

type Json = Record<string, unknown>;

/**
 * contracts/asyncapi.yaml as an HTML page, rendered on the server from the official parser's model (its `$ref`s to
 * contracts/events and to openapi.yaml resolved, message traits applied): the servers, every channel (topic), every
 * operation, and every message with its headers and payload schema. No script at all.
 */
export async function eventsReferencePage(asyncapiPath: string): Promise<string> {
  const { document, diagnostics } = await fromFile(new Parser(), asyncapiPath).parse();
  if (!document) {
    const errors = diagnostics
      .filter((diagnostic) => diagnostic.severity === 0)
      .map((diagnostic) => diagnostic.message);
    throw new Error(`${asyncapiPath} does not parse: ${errors.join('; ')}`);
  }
  const info = document.info();
  const servers = document
    .servers()
    .all()
    .map(
      (server) =>
        `<li><code>${escapeHtml(server.host())}</code> (${escapeHtml(server.protocol())}) — ${markdownLite(server.description())}</li>`,
    );
  const channels = document
    .channels()
    .all()
    .map((channel) => {
      const kafka = channel
        .bindings()
        .all()
        .find((binding) => binding.protocol() === 'kafka')
        ?.value() as Json | undefined;
      return `<section class="item" id="channel-${escapeHtml(channel.id())}">
<h3>Channel <code>${escapeHtml(channel.address() ?? channel.id())}</code></h3>
${markdownLite(channel.description())}
${kafka?.partitions === undefined ? '' : `<p>Kafka: ${escapeHtml(String(kafka.partitions))} partitions.</p>`}
<p>Messages: ${channel
        .messages()
        .all()
        .map((message) => messageLink(message.id()))
        .join(', ')}</p>
</section>`;
    });
  const operations = document
    .operations()
    .all()
    .map(
      (operation) => `<section class="item" id="operation-${escapeHtml(operation.id() ?? '')}">
<h3><span class="tag">${escapeHtml(operation.action())}</span> <code>${escapeHtml(operation.id() ?? '')}</code></h3>
<p>${escapeHtml(operation.summary() ?? '')}</p>
${markdownLite(operation.description())}
<p>Channel: ${operation
        .channels()
        .all()
        .map(
          (channel) =>
            `<a href="#channel-${escapeHtml(channel.id())}"><code>${escapeHtml(channel.address() ?? channel.id())}</code></a>`,
        )
        .join(', ')}</p>
<p>Messages: ${operation
        .messages()
        .all()
        .map((message) => messageLink(message.id()))
        .join(', ')}</p>
</section>`,
    );
  const seen = new Set<string>();
  const messages = document
    .allMessages()
    .all()
    .filter((message) => !seen.has(message.id()) && seen.add(message.id()))
    .map((message) => {
      const headers = message.headers()?.json() as Json | undefined;
      const payload = payloadSchema(message.payload()?.json() as Json | undefined);
      return `<section class="item" id="message-${escapeHtml(message.id())}">
<h3>Message <code>${escapeHtml(message.name() ?? message.id())}</code></h3>
<p>${escapeHtml(message.title() ?? '')}${message.summary() ? ` — ${escapeHtml(message.summary()!)}` : ''}</p>
${markdownLite(message.description())}
<p>Content type: <code>${escapeHtml(message.contentType() ?? document.defaultContentType() ?? '')}</code></p>
${headers ? `<h4>Headers</h4>\n${schemaTable(headers)}` : ''}
<h4>Payload</h4>
${payload ? `${markdownLite(payload.description as string | undefined)}\n${schemaTable(payload)}\n${schemaSource(payload)}<details><summary>JSON Schema</summary><pre>${escapeHtml(schemaJson(payload))}</pre></details>` : '<p>None.</p>'}
</section>`;
    });
  const body = `<main class="docs">
<h1>${escapeHtml(info.title())} <small>${escapeHtml(info.version())}</small></h1>
<p>AsyncAPI ${escapeHtml(document.version())}: <a href="/docs/asyncapi.yaml">asyncapi.yaml</a>.</p>
${markdownLite(info.description())}
<h2>Servers</h2>
<ul>${servers.join('\n')}</ul>
<h2>Channels</h2>
${channels.join('\n')}
<h2>Operations</h2>
${operations.join('\n')}
<h2>Messages</h2>
${messages.join('\n')}
</main>`;
  return docsPage({ title: `${info.title()}: reference`, body });
}

function messageLink(id: string): string {
  return `<a href="#message-${escapeHtml(id)}"><code>${escapeHtml(id)}</code></a>`;
}

/** The event schemas in contracts/events carry their file name in `$id`; the docs router serves them under /docs/events. */
function schemaSource(schema: Json): string {
  const file = /\/contracts\/events\/([A-Za-z]+\.v\d+\.json)$/.exec(String(schema.$id ?? ''))?.[1];
  return file ? `<p>Schema: <a href="/docs/events/${escapeHtml(file)}"><code>${escapeHtml(file)}</code></a></p>\n` : '';
}

/** A multi-format payload (`schemaFormat` + `schema`) or a plain schema. */
function payloadSchema(payload: Json | undefined): Json | undefined {
  if (payload && typeof payload.schemaFormat === 'string' && typeof payload.schema === 'object')
    return payload.schema as Json;
  return payload;
}

/** One row per property, nested objects and array items indented by path (`items[].title`). */
function schemaTable(schema: Json): string {
  const rows: string[] = [];
  const visit = (node: Json, prefix: string, depth: number, ancestors: Set<Json>) => {
    const properties = (node.properties ?? {}) as Record<string, Json>;
    const required = new Set((node.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const path = `${prefix}${name}`;
      rows.push(
        `<tr><td><code>${escapeHtml(path)}</code>${required.has(name) ? ' <span class="required">required</span>' : ''}</td>` +
          `<td>${escapeHtml(describeType(property))}</td><td>${escapeHtml(String(property.description ?? ''))}</td></tr>`,
      );
      if (depth >= 4 || ancestors.has(property)) continue;
      const nested = new Set(ancestors).add(property);
      if (property.properties) visit(property, `${path}.`, depth + 1, nested);
      const items = property.items as Json | undefined;
      if (items?.properties) visit(items, `${path}[].`, depth + 1, nested);
      for (const variant of [...((property.anyOf ?? []) as Json[]), ...((property.oneOf ?? []) as Json[])]) {
        if (variant.properties) visit(variant, `${path}.`, depth + 1, nested);
      }
    }
  };
  visit(schema, '', 0, new Set([schema]));
  if (rows.length === 0) return `<p>${escapeHtml(describeType(schema))}</p>`;
  return `<table><thead><tr><th>field</th><th>type</th><th>meaning</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function describeType(schema: Json): string {
  if (schema.const !== undefined) return `${String(schema.type ?? '')} = ${JSON.stringify(schema.const)}`.trim();
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants)
    return variants.map((variant) => (variant.title as string | undefined) ?? describeType(variant)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  if (type === 'array' && schema.items) return `array of ${describeType(schema.items as Json)}`;
  const details = [
    schema.format && `format ${String(schema.format)}`,
    schema.pattern && `pattern ${String(schema.pattern)}`,
    schema.minimum !== undefined && `≥ ${String(schema.minimum)}`,
    schema.maximum !== undefined && `≤ ${String(schema.maximum)}`,
    schema.maxLength !== undefined && `at most ${String(schema.maxLength)} characters`,
  ].filter(Boolean);
  return details.length > 0 ? `${type} (${details.join(', ')})` : type;
}

/** The schema as its author wrote it: without the parser's bookkeeping (`x-parser-…`), shared parts written out. */
function schemaJson(schema: Json): string {
  const ancestors: unknown[] = [];
  return JSON.stringify(
    schema,
    function (this: unknown, key, value: unknown) {
      if (key.startsWith('x-parser-')) return undefined;
      if (typeof value !== 'object' || value === null) return value;
      // JSON.stringify calls this with `this` = the holder: drop ancestors that are not on the current path.
      while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
      if (ancestors.includes(value)) return '[circular]';
      ancestors.push(value);
      return value;
    },
    2,
  );
}
