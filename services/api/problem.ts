import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { type Language, type ProblemKind, problemWording } from './problemMessages';
import type { Logger } from '../shared/logger';

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
  ) {
    super(kind);
    this.name = 'Problem';
  }
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
    const wording = problemWording[problem.kind][preferredLanguage(req)];
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({
        type: `/problems/${problem.kind}`,
        title: wording.title,
        status: problem.status,
        detail: wording.detail(problem.params),
        instance: req.originalUrl,
        ...(problem.errors ? { errors: problem.errors } : {}),
      });
  };
}

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const bodyParserType = (error as { type?: string }).type;
  if (bodyParserType === 'entity.parse.failed') return new Problem(400, 'malformed-json');
  if (bodyParserType === 'entity.too.large') {
    return new Problem(413, 'payload-too-large', { limit: String((error as { limit?: number }).limit ?? '') + ' bytes' });
  }
  if (temporalIsAway(error)) return new Problem(503, 'temporal-unavailable');
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
