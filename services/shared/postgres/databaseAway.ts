/**
 * Whether `error` says the PostgreSQL server of DATABASE_URL cannot be reached or has just gone, rather than that a
 * statement failed: worth a retry once it is back (the API answers 503 with Retry-After), not our bug. The driver
 * gives a connection that fails or drops as a plain Error, with the socket's code or only a message; the server
 * that is stopping, starting or full says so with an SQLSTATE.
 */
export function databaseIsAway(error: unknown): boolean {
  // By shape, not `instanceof Error`: the socket's errors come from another realm than a test's (jest's vm context).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_GONE.test(code))) return true;
  // Several addresses tried (a host name with IPv4 and IPv6, an AggregateError): each of them away.
  if (Array.isArray(errors) && errors.length > 0) return errors.every(databaseIsAway);
  return typeof message === 'string' && DRIVER_MESSAGES.some((driver) => driver.test(message));
}

/** The socket could not be opened, or was cut: the server is down, restarting, or out of reach. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down by an administrator or a crash, cannot connect
 * now: starting up or shutting down) and 53300 (too many connections).
 */
const SERVER_GONE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** pg and pg-pool's own errors for a connection that ended under them, or never came within the pool's timeout. */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
];
