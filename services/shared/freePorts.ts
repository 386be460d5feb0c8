import { createServer } from 'node:net';

export interface NamedPort {
  /** What the port is for, as the operator knows it (the setting that chooses it). */
  readonly setting: string;
  readonly port: number;
}

/**
 * Refuses to go on when a port this process will listen on is taken — before anything starts, so that a second
 * `npm start` beside a running one never attaches a worker to the first one's Temporal and then dies half-way.
 * Binding to every interface conflicts with a listener on any one of them, so this catches both kinds.
 */
export async function requireFreePorts(ports: readonly NamedPort[]): Promise<void> {
  const taken: NamedPort[] = [];
  for (const named of ports) {
    if (!(await isFree(named.port))) taken.push(named);
  }
  if (taken.length > 0) {
    const list = taken.map(({ setting, port }) => `${port} (${setting})`).join(', ');
    throw new Error(`Poort bezet: ${list}. Draait Soft Landing al? Stop die eerst of kies andere poorten.`);
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
