import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { type Language, type ProblemKind, problemWording } from './problemMessages';
import type { Logger } from '../shared/logger';
import { databaseIsAway } from '../shared/postgres/databaseAway';

export interface FieldError {
  /** A JSON pointer into the body, or `header:Name`, `path:name`, `query:name`. */
  readonly pointer: string;
  readonly detail: string;
}

/** The one error type of the API: every failure a client can cause becomes one of these. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly kind: ProblemKind,
    readonly params: Record<string, string> = {},
    readonly errors?: readonly FieldError[],
    /** Response headers the status calls for (e.g. `Allow` on a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(kind);
    this.name = 'Problem';
  }
}

/**
 * 409 for a save of a version that is not the next one: `latest` is the stored version, so the answer also says
 * which one to send (`next`); `of` names what it is a version of (`{ templateId }`), where the wording shows it.
 */
export function versionConflict(kind: ProblemKind, latest: number, of: Record<string, string> = {}): Problem {
  return new Problem(409, kind, { ...of, latest: String(latest), next: String(latest + 1) });
}

export function preferredLanguage(req: Request): Language {
  return req.acceptsLanguages('nl', 'en') === 'en' ? 'en' : 'nl';
}

export const routeNotFound: RequestHandler = (req, _res, next) =>
  next(new Problem(404, 'route-not-found', { method: req.method, path: req.path }));

/** Turns every error into RFC 9457 problem+json; only unexpected ones are logged as errors. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = toProblem(error);
    if (problem.status === 503) res.setHeader('Retry-After', '5');
    if (problem.status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'verzoek mislukt');
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res
      .status(problem.status)
      .type('application/problem+json')
      .json(problemDocument(problem, preferredLanguage(req), req.originalUrl));
  };
}

/** The RFC 9457 body of a problem: one shape for the API's answers and for the HTTP server's own (rawProblems.ts). */
export function problemDocument(problem: Problem, language: Language, instance?: string): Record<string, unknown> {
  const wording = problemWording[problem.kind][language];
  return {
    type: `/problems/${problem.kind}`,
    title: wording.title,
    status: problem.status,
    detail: wording.detail(problem.params),
    ...(instance === undefined ? {} : { instance }),
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
}

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  // The router could not decode a path parameter (`/hires/%C0%AF`): the client's URL, not our bug.
  if (error instanceof URIError) return new Problem(400, 'malformed-url');
  if (temporalIsAway(error)) return new Problem(503, 'temporal-unavailable');
  // A store in PostgreSQL (DATABASE_URL) whose server is away: an outage to retry once it is back, as Temporal's.
  if (databaseIsAway(error)) return new Problem(503, 'database-unavailable');
  return new Problem(500, 'internal-error');
}

/**
 * gRPC UNAVAILABLE (14) or DEADLINE_EXCEEDED (4) from Temporal, or an Update nobody answered in time (no worker
 * running): worth a retry with the same Idempotency-Key, not our bug.
 */
const RETRYABLE_GRPC_CODES = new Set([4, 14]);

function temporalIsAway(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (!(error instanceof ServiceError)) return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && RETRYABLE_GRPC_CODES.has(code);
}
