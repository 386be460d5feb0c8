import type { KeyObject } from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import type { EventStore, JsonObject } from './eventStore';
import { type ChainHeads, type SignedHead, entryHashOf } from './chainHeadLog';
import { type ChainSigningKey, keyIdOf, verifiesWith } from './chainSigningKey';
import { HIRE_STREAM_PREFIX } from './streamNames';
import { checkHireStreamChain, headHolds } from './verifyHireStreamChain';

export const CHAIN_EXPORT_FORMAT = 'soft-landing.chain-export.v1';

/** An event exactly as stored: the bytes its link hashed, and nothing opened (sealed personal data stays sealed). */
export interface ExportedEvent {
  readonly id: string;
  readonly type: string;
  readonly revision: string;
  readonly recordedAt: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/**
 * What an inspectorate receives: the hire streams as stored, the signed heads about them and the public key that
 * verifies those (its fingerprint `keyId` is what to compare with the one the organisation publishes). With
 * `completeLog`, `heads` is the whole head log, so an entry left out shows too; an organisation's own export holds
 * only its streams' heads, each still verifiable on its own signature.
 *
 * The file is canonical JSON (no byte it could do without) signed as a whole in `exportSignature`, so any byte
 * changed in it fails verification, including those no chain covers (the export time, an unsigned stream).
 */
export interface ChainExport {
  readonly format: typeof CHAIN_EXPORT_FORMAT;
  readonly exportedAt: string;
  readonly keyId: string;
  readonly publicKey: string;
  readonly completeLog: boolean;
  readonly heads: readonly SignedHead[];
  readonly streams: readonly { readonly streamName: string; readonly events: readonly ExportedEvent[] }[];
  /** Ed25519 over the canonical JSON of everything else, base64. */
  readonly exportSignature: string;
}

export interface ExportSource {
  /** The store as stored (never upcast): storedEventsOf(…). */
  readonly store: EventStore;
  readonly heads: Pick<ChainHeads, 'entries'>;
  readonly key: ChainSigningKey;
}

/** Every hire stream, or one organisation's, with their heads: the text of the export file. */
export async function exportChains(source: ExportSource, options: { organisationId?: string } = {}): Promise<string> {
  const prefix =
    options.organisationId === undefined ? HIRE_STREAM_PREFIX : `${HIRE_STREAM_PREFIX}${options.organisationId}.`;
  const streams = new Map<string, ExportedEvent[]>();
  for await (const event of source.store.readAll({ streamPrefixes: [prefix] })) {
    const events = streams.get(event.streamName) ?? [];
    events.push({
      id: event.id,
      type: event.type,
      revision: event.revision.toString(),
      recordedAt: event.recordedAt.toISOString(),
      data: event.data,
      metadata: event.metadata,
    });
    streams.set(event.streamName, events);
  }
  const unsigned: Omit<ChainExport, 'exportSignature'> = {
    format: CHAIN_EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    keyId: source.key.keyId,
    publicKey: source.key.publicKeyPem(),
    completeLog: options.organisationId === undefined,
    heads: await source.heads.entries(options.organisationId === undefined ? undefined : prefix),
    streams: [...streams].map(([streamName, events]) => ({ streamName, events })),
  };
  return canonicalJson({ ...unsigned, exportSignature: source.key.sign(canonicalJson(unsigned)) });
}

export interface ExportVerdict {
  readonly ok: boolean;
  readonly keyId: string;
  readonly streams: number;
  readonly events: number;
  /** Streams no signed head covers at all: written before heads were kept (scheme 1 only). */
  readonly unsignedStreams: readonly string[];
  /**
   * Events after their stream's newest signed head: an append cut short between the store and the head log, or
   * written around the application. Their links hold; the stream's next head covers them.
   */
  readonly eventsAfterHeads: number;
  readonly problems: readonly string[];
}

/**
 * Checks an export with nothing but a public key: every head's signature, the head log's own chain (when the log is
 * complete), every stream's links, and every stream against its newest head, so that an edited event, a history
 * re-chained after an edit, a cut-off tail, a deleted stream and an event replayed into another stream each
 * show. With `since` (an export received earlier), also that this one still holds every head that one did: a
 * head log rolled back together with the events it covered shows there.
 */
export async function verifyChainExport(
  text: string,
  publicKey: KeyObject,
  options: { since?: string } = {},
): Promise<ExportVerdict> {
  try {
    const document = JSON.parse(text) as unknown;
    const since = options.since === undefined ? undefined : (JSON.parse(options.since) as unknown);
    const verdict = await verifyWellFormed(document, publicKey, { since });
    const whole = wholeFileProblems(text, document, publicKey);
    return whole.length === 0 ? verdict : { ...verdict, ok: false, problems: [...whole, ...verdict.problems] };
  } catch (error) {
    // A revision that is not a number, a head without fields: an altered export, reported as such, never a crash.
    const problems = [`the export is malformed: ${(error as Error).message}`];
    return {
      ok: false,
      keyId: keyIdOf(publicKey),
      streams: 0,
      events: 0,
      unsignedStreams: [],
      eventsAfterHeads: 0,
      problems,
    };
  }
}

async function verifyWellFormed(
  document: unknown,
  publicKey: KeyObject,
  options: { since?: unknown },
): Promise<ExportVerdict> {
  const keyId = keyIdOf(publicKey);
  const problems: string[] = [];
  const verdict = (streams = 0, events = 0, unsignedStreams: string[] = [], eventsAfterHeads = 0): ExportVerdict => ({
    ok: problems.length === 0,
    keyId,
    streams,
    events,
    unsignedStreams,
    eventsAfterHeads,
    problems,
  });
  if (!isChainExport(document)) {
    problems.push(`not a chain export (${CHAIN_EXPORT_FORMAT})`);
    return verdict();
  }
  if (document.keyId !== keyId) problems.push(`the export says key ${document.keyId}, the key given is ${keyId}`);

  const newest = new Map<string, SignedHead>();
  document.heads.forEach((head, index) => {
    const where = `head ${head.seq} (${head.streamName})`;
    if (!headHolds(head, head.streamName, publicKey)) problems.push(`${where}: the signature does not hold`);
    if (document.completeLog) {
      if (head.seq !== index + 1) problems.push(`${where}: the head log skips from ${index} to ${head.seq}`);
      const previous = document.heads[index - 1];
      if (head.previousEntry !== (previous ? entryHashOf(previous) : null))
        problems.push(`${where}: does not follow the entry before it`);
    }
    const before = newest.get(head.streamName);
    if (before && BigInt(head.revision) <= BigInt(before.revision))
      problems.push(`${where}: goes back from revision ${before.revision}`);
    newest.set(head.streamName, head);
  });

  let events = 0;
  let afterHeads = 0;
  const unsigned: string[] = [];
  const exported = new Set<string>();
  for (const stream of document.streams) {
    exported.add(stream.streamName);
    events += stream.events.length;
    const head = newest.get(stream.streamName);
    if (!head) unsigned.push(stream.streamName);
    const stored = stream.events.map((event) => ({
      ...event,
      revision: BigInt(event.revision),
      recordedAt: new Date(event.recordedAt),
    }));
    const chain = await checkHireStreamChain(stream.streamName, stored, { head, publicKey });
    if (!chain.ok) problems.push(`${stream.streamName} at revision ${chain.brokenAt}: ${chain.reason}`);
    else if (head) afterHeads += chain.events - (chain.signedThrough ?? 0);
  }
  for (const [streamName, head] of newest) {
    if (!exported.has(streamName))
      problems.push(`${streamName}: the stream is gone, but a signed head records it up to revision ${head.revision}`);
  }
  if (options.since !== undefined) problems.push(...rollbacksSince(document, options.since));
  return verdict(document.streams.length, events, unsigned, afterHeads);
}

/** The signature over the whole file, and that the file is the canonical text it was signed as, byte for byte. */
function wholeFileProblems(text: string, document: unknown, publicKey: KeyObject): string[] {
  if (!isChainExport(document)) return [];
  const { exportSignature, ...unsigned } = document;
  const problems: string[] = [];
  if (text !== canonicalJson(document))
    problems.push('the file is not the text that was exported: bytes were added or changed');
  if (typeof exportSignature !== 'string' || !verifiesWith(publicKey, canonicalJson(unsigned), exportSignature)) {
    problems.push('the signature over the whole export does not hold');
  }
  return problems;
}

function rollbacksSince(document: ChainExport, since: unknown): string[] {
  if (!isChainExport(since)) return [`the earlier export is not a chain export (${CHAIN_EXPORT_FORMAT})`];
  const held = new Set(document.heads.map((head) => `${head.streamName}\n${head.revision}\n${head.hash}`));
  return since.heads
    .filter((head) => !held.has(`${head.streamName}\n${head.revision}\n${head.hash}`))
    .map(
      (head) =>
        `${head.streamName}: the earlier export's signed head at revision ${head.revision} is missing from this one`,
    );
}

function isChainExport(value: unknown): value is ChainExport {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ChainExport>;
  return (
    candidate.format === CHAIN_EXPORT_FORMAT &&
    typeof candidate.keyId === 'string' &&
    typeof candidate.completeLog === 'boolean' &&
    Array.isArray(candidate.heads) &&
    Array.isArray(candidate.streams)
  );
}
