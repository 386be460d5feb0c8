import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../shared/logger';
import { inRequest } from '../shared/requestContext';

/** A caller's own request id is taken when it is a plain token (it ends up in logs and events); else one is made. */
const CALLER_REQUEST_ID = /^[\w.:-]{1,100}$/;

type WithRequestId = Request & { requestId?: string };

/** The request's id: the caller's `X-Request-Id` when usable (a proxy's, a client's retry), or a new one; once. */
export function requestIdOf(req: Request): string {
  const request = req as WithRequestId;
  if (request.requestId === undefined) {
    const given = req.header('X-Request-Id');
    request.requestId = given !== undefined && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
  }
  return request.requestId;
}

/** The route a request matched, as its pattern (`/hires/:hireId`), never the path, which can hold a token. */
export function routeOf(req: Request): string {
  return req.route?.path === undefined ? 'unmatched' : `${req.baseUrl}${String(req.route.path)}`;
}

/** The platform's probes and scrapes: every few seconds, so their lines are debug, not the access log. */
const PLATFORM_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Gives each request its id (answered in `X-Request-Id`, carried by every log line written while it is handled) and
 * writes one access line when it is answered: method, the route it matched (its pattern, `/hires/:hireId`, never the
 * path itself, which can hold a token, nor the query, which can hold a name being searched for), status and time.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdOf(req);
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const line = {
        requestId,
        method: req.method,
        route: routeOf(req),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      };
      if (PLATFORM_PATHS.has(req.path)) logger.debug(line, 'verzoek beantwoord');
      else logger.info(line, 'verzoek beantwoord');
    });
    inRequest({ requestId }, next);
  };
}
