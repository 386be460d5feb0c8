import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Server, type TLSSocket, createServer } from 'node:tls';
import { promisify } from 'node:util';
import { loadConfig } from '../../services/shared/config';
import { createLogger } from '../../services/shared/logger';
import { connectTemporal } from '../../services/shared/temporalConnection';
import { describeWithServices, serviceAddress } from '../support/serviceAvailability';

const run = promisify(execFile);

/**
 * Temporal over mTLS as a deployment configures it (a TEMPORAL_CONFIG_FILE profile): the dev server speaks no TLS,
 * so a TLS front of this test's own, with a CA that openssl makes here, demands a client certificate signed by
 * it and passes the gRPC stream on to the shared server. Both connections of connectTemporal — the client's and
 * the worker's (Rust core) — must come through it.
 */
describeWithServices(['temporal'], 'Temporal over mTLS from an envconfig profile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soft-landing-temporal-tls-'));
  const logger = createLogger('temporal-tls-test', 'fatal');
  const clients: string[] = [];
  /** Handshakes the front refused (no client certificate, or one the CA did not sign). */
  const refused: string[] = [];
  let front: Server;
  let frontAddress: string;

  beforeAll(async () => {
    const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
    await openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Soft Landing test CA',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
    );
    const issue = async (name: string, extensions: string) => {
      writeFileSync(join(dir, `${name}.ext`), extensions);
      await openssl(
        'req',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        `/CN=${name}`,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
      );
      await openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
        '-out',
        `${name}.pem`,
      );
    };
    await issue('temporal-front', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
    await issue('soft-landing-worker', 'extendedKeyUsage=clientAuth\n');

    const [host, port] = serviceAddress('temporal').split(':');
    front = createServer(
      {
        key: readFileSync(join(dir, 'temporal-front.key')),
        cert: readFileSync(join(dir, 'temporal-front.pem')),
        ca: readFileSync(join(dir, 'ca.pem')),
        requestCert: true,
        rejectUnauthorized: true,
        ALPNProtocols: ['h2'],
      },
      (socket: TLSSocket) => {
        clients.push(String(socket.getPeerCertificate().subject?.CN ?? ''));
        const upstream = connect(Number(port), host);
        socket.pipe(upstream).pipe(socket);
        const close = () => {
          socket.destroy();
          upstream.destroy();
        };
        socket.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      },
    );
    front.on('tlsClientError', (error: NodeJS.ErrnoException) => refused.push(error.code ?? error.message));
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    frontAddress = `127.0.0.1:${(front.address() as AddressInfo).port}`;
    writeFileSync(
      join(dir, 'temporal.toml'),
      [
        '[profile.productie]',
        `address = "${frontAddress}"`,
        'namespace = "default"',
        '[profile.productie.tls]',
        `client_cert_path = "${join(dir, 'soft-landing-worker.pem')}"`,
        `client_key_path = "${join(dir, 'soft-landing-worker.key')}"`,
        `server_ca_cert_path = "${join(dir, 'ca.pem')}"`,
        'server_name = "localhost"',
      ].join('\n'),
    );
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => front?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects the client and the worker with the profile’s client certificate', async () => {
    const config = loadConfig({ TEMPORAL_CONFIG_FILE: join(dir, 'temporal.toml'), TEMPORAL_PROFILE: 'productie' });
    expect(config.temporal.address).toBe(frontAddress);
    const temporal = await connectTemporal(config, logger);
    try {
      const viaClient = await temporal.client.connection.workflowService.getSystemInfo({});
      const viaWorker = await temporal.nativeConnection.workflowService.getSystemInfo({});
      expect(viaClient.serverVersion).toBeTruthy();
      expect(viaWorker.serverVersion).toBe(viaClient.serverVersion);
    } finally {
      await temporal.close();
    }
    // One TLS connection per side at least, each with the certificate the CA signed.
    expect(clients.length).toBeGreaterThanOrEqual(2);
    expect(new Set(clients)).toEqual(new Set(['soft-landing-worker']));
  }, 60_000);

  it('is refused without a client certificate', async () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: frontAddress,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(dir, 'ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'localhost',
    });
    expect(config.temporal.connection.tls).toMatchObject({ serverNameOverride: 'localhost' });
    await expect(connectTemporal(config, logger)).rejects.toThrow(/Failed to connect before the deadline/);
    expect(refused).toContain('ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE');
  }, 60_000);
});
