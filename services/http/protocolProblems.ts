import { STATUS_CODES, type Server, maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import { Problem, problemDocument } from '../problems/problem';

/**
 * What Node's HTTP server answers itself, before Express sees a request, as problem+json like every other answer:
 * a request its parser refuses (a bare CR, a NUL in a header, both Content-Length and Transfer-Encoding, more header
 * bytes than it reads) and CONNECT, which it never passes on as a request. There are no parsed headers to negotiate a
 * language from, so these are in Dutch, the API's default.
 */
export function answerProtocolProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node's own handler does: never write into a response that has begun on this connection (keep-alive).
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      socket.write(rawResponse(parserProblem(error, maxHeaderSize)));
    }
    socket.destroy();
  });
  server.on('connect', (_req, socket: Duplex) => {
    socket.write(
      rawResponse(new Problem(405, 'method-not-allowed', { method: 'CONNECT', allow: '' }, undefined, { Allow: '' })),
    );
    socket.destroy();
  });
}

function parserProblem(error: NodeJS.ErrnoException, headerLimit: number): Problem {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new Problem(431, 'headers-too-large', { limit: `${Math.round(headerLimit / 1024)} KB` });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new Problem(408, 'request-timeout');
    default:
      return new Problem(400, 'malformed-http');
  }
}

/** A complete HTTP/1.1 response; the connection closes after it, since the rest of what the client sent is unreadable. */
function rawResponse(problem: Problem): string {
  const body = JSON.stringify(problemDocument(problem, 'nl'));
  const headers = {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Language': 'nl',
    'Content-Length': String(Buffer.byteLength(body)),
    ...problem.headers,
    Connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`.trimEnd());
  return `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n${head.join('\r\n')}\r\n\r\n${body}`;
}
