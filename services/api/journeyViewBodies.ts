import type { Request, Response } from 'express';
import type { JourneyView } from '../../workflows/hireJourneyContract';
import { grantOf } from '../auth/permissions';
import { principalOf } from '../auth/principal';
import { journeyViewFor } from './journeyViewFor';
import { answeredUnchanged } from './listETag';

interface Body {
  readonly json: string;
  readonly etag: string;
}

/**
 * GET /hires/{id} as it is sent: the view as the caller may see it, with the later hires of a rehire, serialized
 * once per view and per what tells callers apart. A page polls the same hire every few seconds, and the view
 * object stays the same while nothing was recorded and the day did not turn (services/api/storedJourneyViews.ts),
 * so JSON.stringify and the ETag's digest of a body of several KiB are paid once per change, not once per poll.
 * Keyed by the view object itself: a view nobody holds any more takes its bodies with it.
 */
const bodies = new WeakMap<JourneyView, Map<string, Body>>();

export function sendJourneyView(req: Request, res: Response, view: JourneyView, rehiredAs: readonly string[]): void {
  // Everything the body depends on besides the view: the caller's grant (journeyViewFor) and the rehires.
  const key = `${grantOf('getHire', principalOf(req).roles)?.grant}|${rehiredAs.join('|')}`;
  let byKey = bodies.get(view);
  if (!byKey) bodies.set(view, (byKey = new Map()));
  let body = byKey.get(key);
  if (!body) {
    const json = JSON.stringify({ ...journeyViewFor(req, view), ...(rehiredAs.length > 0 ? { rehiredAs } : {}) });
    body = { json, etag: weakETagOf(req, json) };
    byKey.set(key, body);
  }
  if (answeredUnchanged(req, res, body.etag)) return;
  res.type('application/json').send(body.json);
}

/** The ETag Express gives a body (its `etag fn`, weak by default), so the header looks as on every other answer. */
function weakETagOf(req: Request, json: string): string {
  const etagOf = req.app.get('etag fn') as ((body: string, encoding: string) => string) | undefined;
  if (!etagOf) throw new Error('ETags are off in this app: GET /hires/{id} answers conditional requests with one');
  return etagOf(json, 'utf8');
}
