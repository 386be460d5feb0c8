import type { RecordedEvent } from '../event-store/eventStore';
import { type HireRef, parseHireStreamName } from '../event-store/streamNames';

/** What every projection reads off a hire event: whose it is and when it happened. */
export interface HireEventFacts {
  readonly organisationId: string;
  readonly hireId: string;
  /** When it happened (metadata.occurredAt), else when it was recorded: both are in the store, so rebuilds agree. */
  readonly occurredAt: string;
  /** The UTC day of `occurredAt`: the journey's own "today" when it wrote the event (workflows/domain/calendar). */
  readonly day: string;
  readonly actor: string | null;
}

/** Undefined for events outside hire streams. Organisation and hire come from the stream name, never the payload. */
export function hireEventFacts(event: RecordedEvent): HireEventFacts | undefined {
  const ref = hireRefOf(event.streamName);
  if (!ref) return undefined;
  const occurredAt = occurredAtOf(event);
  const actor = event.metadata.actor;
  return {
    organisationId: ref.organisationId,
    hireId: ref.hireId,
    occurredAt,
    day: occurredAt.slice(0, 10),
    actor: typeof actor === 'string' && actor !== '' ? actor : null,
  };
}

/** Stream names repeat (a hire has tens of events): parsed once each, in a cache that forgets when full. */
const refs = new Map<string, HireRef | null>();
const MAX_CACHED_REFS = 10_000;

function hireRefOf(streamName: string): HireRef | undefined {
  let ref = refs.get(streamName);
  if (ref === undefined) {
    if (refs.size >= MAX_CACHED_REFS) refs.clear();
    ref = parseHireStreamName(streamName) ?? null;
    refs.set(streamName, ref);
  }
  return ref ?? undefined;
}

export function occurredAtOf(event: RecordedEvent): string {
  const occurredAt = event.metadata.occurredAt;
  return typeof occurredAt === 'string' && occurredAt.length >= 10 ? occurredAt : event.recordedAt.toISOString();
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** An opaque cursor for keyset paging: base64url JSON of the last row's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return key as (string | number)[];
    }
  } catch {
    // falls through
  }
  throw new InvalidCursorError(cursor);
}

export class InvalidCursorError extends Error {
  constructor(readonly cursor: string) {
    super(`Not a page cursor: ${cursor}`);
    this.name = 'InvalidCursorError';
  }
}

export interface PageRequest {
  /** 1–500; default 50. */
  readonly limit?: number;
  /** The `next` of the previous page. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Present when there may be more: pass it as `after`. */
  readonly next?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageLimit(page: PageRequest | undefined): number {
  const limit = page?.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number from 1, got ${limit}`);
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** Rows fetched with limit + 1 become a page and, when there was one more, the cursor of its last row. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  toItem: (row: R) => T,
  keyOf: (row: R) => (string | number)[],
): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return more
    ? { items: shown.map(toItem), next: encodeCursor(keyOf(shown[shown.length - 1]!)) }
    : { items: shown.map(toItem) };
}
