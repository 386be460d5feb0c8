import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import type { JsonObject } from './eventStore';

/** Where each event of a hire stream keeps its link: `metadata.chain`. */
export const CHAIN_KEY = 'chain';

/**
 * How a link's hash is made. 1 (a link without `scheme`, as every store written before it holds): the event's own
 * content only, so a whole chain copied into another stream, or moved to other revisions, still verified. 2: the
 * stream name and revision too. New links are always the newest scheme; old links keep verifying by their own.
 */
export type ChainScheme = 1 | 2;
export const CURRENT_CHAIN_SCHEME: ChainScheme = 2;

export interface ChainLink {
  /** The predecessor's hash; null for the first event of the stream. */
  readonly previous: string | null;
  readonly hash: string;
  readonly scheme: ChainScheme;
}

export interface ChainedContent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/** Where an event sits: what scheme 2 binds into its hash. */
export interface ChainPlace {
  readonly streamName: string;
  readonly revision: bigint;
}

/** Scheme 1: sha256(previous + canonical JSON of the event without its own link). */
export function linkHashOf(previous: string | null, event: ChainedContent): string {
  return sha256(
    previous,
    canonicalJson({ id: event.id, type: event.type, data: event.data, metadata: withoutLink(event.metadata) }),
  );
}

/**
 * Scheme 2: as scheme 1, with the scheme, stream name and revision in the hashed text, so an event (or a whole
 * chain) replayed into another stream or at another revision no longer matches its hash. The revision is text:
 * canonical JSON has no bigint. Recorded time is not here: the store sets it after the hash is made (the
 * caller's own time, `metadata.occurredAt`, is covered); the signed head log bounds it instead (chainHeadLog.ts).
 */
export function placedLinkHashOf(previous: string | null, event: ChainedContent, place: ChainPlace): string {
  const content = canonicalJson({
    scheme: 2,
    stream: place.streamName,
    revision: place.revision.toString(),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: withoutLink(event.metadata),
  });
  return sha256(previous, content);
}

export function linkHashBySchemeOf(
  scheme: ChainScheme,
  previous: string | null,
  event: ChainedContent,
  place: ChainPlace,
): string {
  return scheme === 1 ? linkHashOf(previous, event) : placedLinkHashOf(previous, event, place);
}

/** The link as metadata stores it: scheme 1 links keep their old two-field shape, so old bytes stay old bytes. */
export function linkMetadataOf(link: ChainLink): JsonObject {
  return link.scheme === 1
    ? { previous: link.previous, hash: link.hash }
    : { scheme: link.scheme, previous: link.previous, hash: link.hash };
}

export function chainLinkOf(metadata: JsonObject): ChainLink | undefined {
  const link = metadata[CHAIN_KEY];
  if (typeof link !== 'object' || link === null) return undefined;
  const { previous, hash, scheme = 1 } = link as Record<string, unknown>;
  if (typeof hash !== 'string' || (previous !== null && typeof previous !== 'string')) return undefined;
  if (scheme !== 1 && scheme !== 2) return undefined;
  return { previous, hash, scheme };
}

function withoutLink(metadata: JsonObject): JsonObject {
  const { [CHAIN_KEY]: _link, ...rest } = metadata;
  return rest;
}

function sha256(previous: string | null, content: string): string {
  return createHash('sha256')
    .update(previous ?? '', 'utf8')
    .update(content, 'utf8')
    .digest('hex');
}
