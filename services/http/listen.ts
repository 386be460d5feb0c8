import type { Server } from 'node:http';
import type { Express } from 'express';
import { answerProtocolProblems } from './protocolProblems';
import { LOOPBACK } from '../shared/config';

/**
 * Serves the API on one interface (HOST): loopback unless told otherwise, so `npm start` is not reachable from the
 * network by accident. What Node's HTTP parser refuses is answered as problem+json too (protocolProblems.ts).
 */
export function listen(app: Express, port: number, host: string = LOOPBACK): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    answerProtocolProblems(server);
  });
}

/**
 * Stops accepting connections and waits for requests in flight. A keep-alive connection is closed as soon as it is
 * idle: at once, or when its request in flight has been answered (not only after the keep-alive timeout).
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close((error) => {
      clearInterval(sweep);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
