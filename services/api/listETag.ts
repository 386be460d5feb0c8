import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { formatPosition } from '../event-store/eventStore';
import { type Projection, type ReadModelDb, loadCheckpoint } from '../projections';
import { principalOf } from '../auth/principal';

/**
 * Conditional GETs for the lists read from projections (GET /hires, GET /tasks), so a page that polls every few
 * seconds costs the server next to nothing while the journeys stand still.
 *
 * A page can only change when a projection it reads moves on (its checkpoint: position and version, which a rebuild
 * to another version changes too), when the day changes (a hire's stage is judged on today), or with who asks and
 * what they ask for. The ETag is a digest of exactly those, so it is known before reading a single row: a match is
 * 304 at once. It is weak (W/): two tags may differ while the bodies are the same, never the other way round.
 */
export function listETag(req: Request, readModels: ReadModelDb, projections: readonly Projection[]): string {
  const principal = principalOf(req);
  const checkpoints = projections.map((projection) => {
    const checkpoint = loadCheckpoint(readModels, projection.name);
    return `${projection.name}@${checkpoint ? `${formatPosition(checkpoint.position)}/${checkpoint.version}` : '-'}`;
  });
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        principal.organisationId,
        principal.roles,
        principal.personRef ?? null,
        req.originalUrl,
        isoDateOfEpochMs(Date.now()),
        checkpoints,
      ]),
    )
    .digest('base64url')
    .slice(0, 27);
  return `W/"${digest}"`;
}

/**
 * Sets the page's ETag and answers 304 when the caller already has it. True when answered; the route then reads
 * nothing. Not Express's req.fresh: it calls every request with `Cache-Control: no-cache` stale, and fetch adds
 * exactly that header to a request whose If-None-Match the page set itself (Fetch standard, cache mode no-store).
 */
export function answeredUnchanged(req: Request, res: Response, etag: string): boolean {
  res.setHeader('ETag', etag);
  // Each poll asks again (no-cache), and only this caller's browser may keep the page (private: it is per person).
  res.setHeader('Cache-Control', 'private, no-cache');
  if (!matchesIfNoneMatch(req.get('If-None-Match'), etag)) return false;
  res.status(304).end();
  return true;
}

/** RFC 9110 13.1.2: `*`, or any listed tag equal to ours by weak comparison (W/ ignored). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
