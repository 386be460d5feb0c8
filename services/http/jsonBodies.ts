import express, { type RequestHandler } from 'express';
import { Problem } from '../problems/problem';

const BODY_LIMIT = '64kb';

/**
 * The content codings a body may arrive in (RFC 9110 §8.4): the ones body-parser decodes on every Node version we
 * support. The size limit holds for the decoded body, so a small compressed body cannot unpack into a large one.
 */
export const ACCEPTED_CONTENT_CODINGS = ['gzip', 'deflate', 'br'] as const;

/**
 * Parses every body that claims to be JSON (e.g. application/merge-patch+json too; the validator refuses other types),
 * and turns every way of failing to read one into a 4xx problem: a coding we do not decode or a charset other than
 * UTF-8 is 415, a body that is not what its headers say (not gzip after all, shorter than Content-Length) is 400.
 */
export function jsonBodies(): RequestHandler[] {
  const parse = express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  const codings: RequestHandler = (req, _res, next) => {
    const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (coding === 'identity' || (ACCEPTED_CONTENT_CODINGS as readonly string[]).includes(coding) || !hasBody(req))
      return next();
    const accepted = ACCEPTED_CONTENT_CODINGS.join(', ');
    // RFC 7694: a 415 for a content coding says which codings would have been understood.
    next(
      new Problem(415, 'unsupported-content-encoding', { encoding: coding, accepted }, undefined, {
        'Accept-Encoding': accepted,
      }),
    );
  };
  const json: RequestHandler = (req, res, next) =>
    parse(req, res, (error?: unknown) => next(error === undefined ? undefined : bodyProblem(error)));
  return [codings, json];
}

export function hasBody(req: express.Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** body-parser's errors (http-errors; `expose` marks what the client caused) as the API's problems. */
function bodyProblem(error: unknown): unknown {
  const { type, status, expose, limit, charset } = (typeof error === 'object' && error !== null ? error : {}) as {
    type?: string;
    status?: number;
    expose?: boolean;
    limit?: number;
    charset?: string;
  };
  if (type === 'entity.parse.failed') return new Problem(400, 'malformed-json');
  if (type === 'entity.too.large') return new Problem(413, 'payload-too-large', { limit: `${limit ?? ''} bytes` });
  if (type === 'charset.unsupported') return new Problem(415, 'unsupported-charset', { charset: String(charset) });
  // A zlib stream that met no gzip, deflate or br data, a body shorter or longer than its Content-Length, a client
  // that went away mid-body.
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500)
    return new Problem(400, 'unreadable-body');
  return error;
}
