import pino, { type Logger } from 'pino';
import { currentRequest } from './requestContext';

export type { Logger };

/**
 * Fields that hold a credential or a person's contact details, wherever they sit in a logged object (up to three
 * levels deep): the value is replaced, the key stays, so a line still says that something was there.
 */
const SECRET_OR_PERSONAL_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'accessToken',
  'idToken',
  'secret',
  'password',
  'apiKey',
  'email',
  'privateEmail',
  'workEmail',
  'displayName',
  'phone',
  'contacts',
  // Request bodies carry contact details and answers; a failed request is logged by method and path only.
  'body',
];
export const REDACTED_PATHS = SECRET_OR_PERSONAL_KEYS.flatMap((key) => {
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const child = name.startsWith('[') ? name : `.${name}`;
  return [name, `*${child}`, `*.*${child}`, `*.*.*${child}`];
});
export const REDACTED = '[verborgen]';

/**
 * Credentials and mail addresses inside free text (an error's message or stack, a log message): an SMTP server's
 * refusal names the recipient, a client library may echo a token it was given.
 */
const SECRET_TEXT: readonly RegExp[] = [
  /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g, // mail addresses
  /\b(?:slk|sls|sml)_[\w.-]+/g, // API keys, magic links and their sessions
  /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, // JWTs (OIDC tokens)
  /\bBearer\s+\S+/gi,
];

export function withoutSecrets(text: string): string {
  return SECRET_TEXT.reduce((scrubbed, pattern) => scrubbed.replace(pattern, REDACTED), text);
}

/**
 * What a log line keeps of an error: its kind, code and scrubbed message and stack, and its cause. Not its other
 * properties: body-parser errors carry the raw request body, mail and HTTP client errors the envelope or response.
 */
export function loggableError(error: unknown, depth = 0): unknown {
  if (typeof error === 'string') return withoutSecrets(error);
  if (error === null || typeof error !== 'object') return error;
  // Not only Error instances: the Temporal SDK logs some failures as plain objects with the same fields.
  const { name, message, stack, code, cause } = error as {
    name?: unknown;
    message?: unknown;
    stack?: unknown;
    code?: unknown;
    cause?: unknown;
  };
  // A plain object's constructor is Object; one made with Object.create(null) has none.
  const kind = typeof name === 'string' ? name : (error.constructor?.name ?? 'null-prototype object');
  return {
    type: kind,
    ...(typeof message === 'string' ? { message: withoutSecrets(message) } : {}),
    ...(typeof stack === 'string' ? { stack: withoutSecrets(stack) } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(cause !== undefined && depth < 3 ? { cause: loggableError(cause, depth + 1) } : {}),
  };
}

const ERROR_KEYS = new Set(['err', 'error', 'failure', 'cause']);

/** The Temporal SDK's log metadata (services/shared/temporalRuntime.ts): its errors are treated like ours. */
function loggableTemporalMeta(meta: unknown): unknown {
  if (meta === null || typeof meta !== 'object') return meta;
  return Object.fromEntries(
    Object.entries(meta).map(([key, value]) => [
      key,
      value instanceof Error || ERROR_KEYS.has(key) ? loggableError(value) : value,
    ]),
  );
}

/**
 * One JSON logger for every service; `service` tells the lines of an all-in-one process apart. Standard output
 * unless a destination is given (tests read what a running system logged). No line carries a name, address or
 * credential: people appear by reference only, so the logs need no erasure, and what slips into a logged
 * object or error anyway is redacted here (test/e2e/logRedaction.e2e.test.ts drives every endpoint and reads the log).
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers: { err: loggableError, error: loggableError, temporal: loggableTemporalMeta },
    // Every line written while a request is handled names it: one grep finds everything one request did.
    mixin: () => {
      const request = currentRequest();
      return request ? { requestId: request.requestId } : {};
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? withoutSecrets(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Every line that concerns a hire carries its ids, so one grep finds a hire's whole story. */
export function hireLogger(
  logger: Logger,
  hire: { readonly organisationId: string; readonly hireId: string },
  workflowId: string,
): Logger {
  return logger.child({ organisationId: hire.organisationId, hireId: hire.hireId, workflowId });
}
