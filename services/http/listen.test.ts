import type { Server } from 'node:http';
import { connect } from 'node:net';
import express from 'express';
import { loadConfig } from '../shared/config';
import { closeServer, listen } from './listen';

/** Whether a TCP connection to this address and port is accepted (loopback addresses only: 127.0.0.0/8). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('listen on HOST', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await closeServer(server);
  });
  async function serve(host?: string): Promise<number> {
    const app = express();
    app.get('/', (_req, res) => res.send('ok'));
    const server = await listen(app, 0, host);
    servers.push(server);
    return (server.address() as { port: number }).port;
  }

  it('defaults to loopback: 127.0.0.1 only, so npm start is not reachable from the network', async () => {
    expect(loadConfig({}).httpHost).toBe('127.0.0.1');
    const port = await serve(loadConfig({}).httpHost);
    expect(servers[0]!.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(await accepts('127.0.0.1', port)).toBe(true);
    // Another address of this machine (within loopback, so the test sends nothing off it) is not listened on.
    expect(await accepts('127.0.0.2', port)).toBe(false);
  });

  it('listens on loopback when no host is given at all', async () => {
    const port = await serve();
    expect(await accepts('127.0.0.2', port)).toBe(false);
  });

  it('listens on every interface with HOST=0.0.0.0, as the container does', async () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).httpHost).toBe('0.0.0.0');
    const port = await serve(loadConfig({ HOST: '0.0.0.0' }).httpHost);
    expect(servers[0]!.address()).toMatchObject({ address: '0.0.0.0' });
    expect(await accepts('127.0.0.2', port)).toBe(true);
  });
});
