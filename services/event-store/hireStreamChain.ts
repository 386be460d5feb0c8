import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import type { JsonObject } from './eventStore';

/** Where each event of a hire stream keeps its link: `metadata.chain`. */
export const CHAIN_KEY = 'chain';

export interface ChainLink {
  /** The predecessor's hash; null for the first event of the stream. */
  readonly previous: string | null;
  readonly hash: string;
}

export interface ChainedContent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/** sha256(previous + canonical JSON of the event without its own link): any change to a stored event shows. */
export function linkHashOf(previous: string | null, event: ChainedContent): string {
  const { [CHAIN_KEY]: _link, ...metadata } = event.metadata;
  const content = canonicalJson({ id: event.id, type: event.type, data: event.data, metadata });
  return createHash('sha256').update(previous ?? '', 'utf8').update(content, 'utf8').digest('hex');
}

export function chainLinkOf(metadata: JsonObject): ChainLink | undefined {
  const link = metadata[CHAIN_KEY];
  if (typeof link !== 'object' || link === null) return undefined;
  const { previous, hash } = link as Record<string, unknown>;
  if (typeof hash !== 'string' || (previous !== null && typeof previous !== 'string')) return undefined;
  return { previous, hash };
}
