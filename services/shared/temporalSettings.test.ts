import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';
import { parseTemporalProfile } from './temporalSettings';

/** An API key no error message may ever contain. */
const API_KEY = 'tmprl-api-key-Geheim-42';
const bytes = (text: string) => Uint8Array.from(Buffer.from(text));

describe('the Temporal connection settings (Temporal’s environment configuration)', () => {
  let dir: string;
  let profiles: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'soft-landing-temporal-settings-'));
    writeFileSync(join(dir, 'client.pem'), 'CLIENT CERT');
    writeFileSync(join(dir, 'client.key'), 'CLIENT KEY');
    writeFileSync(join(dir, 'ca.pem'), 'SERVER CA');
    profiles = join(dir, 'temporal.toml');
    writeFileSync(
      profiles,
      [
        '[profile.default]',
        'address = "127.0.0.1:7233"',
        '',
        '[profile.productie]',
        'address = "temporal.gemeente-west.internal:7233"',
        'namespace = "soft-landing"',
        '[profile.productie.tls]',
        `client_cert_path = "${join(dir, 'client.pem')}"`,
        `client_key_path = "${join(dir, 'client.key')}"`,
        `server_ca_cert_path = "${join(dir, 'ca.pem')}"`,
        'server_name = "temporal.internal"',
        '[profile.productie.grpc_meta]',
        'x-organisatie = "gemeente-west"',
        '',
        '[profile.halfmtls]',
        'address = "temporal.internal:7233"',
        '[profile.halfmtls.tls]',
        `client_cert_path = "${join(dir, 'client.pem')}"`,
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const refusal = (env: Record<string, string | undefined>): string => {
    try {
      parseTemporalProfile(env);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain(API_KEY);
      return message;
    }
    throw new Error('the settings were accepted');
  };

  it('is the embedded server without settings, and a plain connection with an address only', () => {
    expect(parseTemporalProfile({})).toEqual({ namespace: 'default', connection: {} });
    expect(parseTemporalProfile({ TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_NAMESPACE: 'hr' })).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'hr',
      connection: {},
    });
    const config = loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:7233' }).temporal;
    expect(config).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', connection: {} });
    expect(loadConfig({}).temporal.address).toBeUndefined();
  });

  it('connects to Temporal Cloud with an API key, over TLS', () => {
    expect(
      parseTemporalProfile({
        TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233',
        TEMPORAL_NAMESPACE: 'soft-landing.a1b2c',
        TEMPORAL_API_KEY: API_KEY,
      }),
    ).toEqual({
      address: 'eu-west-1.aws.api.temporal.io:7233',
      namespace: 'soft-landing.a1b2c',
      connection: { apiKey: API_KEY, tls: true },
    });
  });

  it('reads a profile of TEMPORAL_CONFIG_FILE with mTLS, the files read at start, and lets variables override it', () => {
    const productie = parseTemporalProfile({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'productie' });
    expect(productie).toEqual({
      address: 'temporal.gemeente-west.internal:7233',
      namespace: 'soft-landing',
      connection: {
        tls: {
          serverNameOverride: 'temporal.internal',
          serverRootCACertificate: bytes('SERVER CA'),
          clientCertPair: { crt: bytes('CLIENT CERT'), key: bytes('CLIENT KEY') },
        },
        metadata: { 'x-organisatie': 'gemeente-west' },
      },
    });
    const overridden = parseTemporalProfile({
      TEMPORAL_CONFIG_FILE: profiles,
      TEMPORAL_PROFILE: 'productie',
      TEMPORAL_ADDRESS: 'temporal-2.internal:7233',
      TEMPORAL_TLS_SERVER_NAME: 'temporal-2.internal',
    });
    expect(overridden.address).toBe('temporal-2.internal:7233');
    expect(overridden.connection.tls).toMatchObject({ serverNameOverride: 'temporal-2.internal' });
    // Without TEMPORAL_PROFILE the file's `default` profile.
    expect(parseTemporalProfile({ TEMPORAL_CONFIG_FILE: profiles })).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      connection: {},
    });
  });

  it('takes mTLS from TEMPORAL_TLS_* alone, and TLS off when TEMPORAL_TLS says so', () => {
    const env = {
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_CLIENT_CERT_PATH: join(dir, 'client.pem'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: join(dir, 'client.key'),
      TEMPORAL_GRPC_META_X_ORGANISATIE: 'gemeente-west',
    };
    expect(parseTemporalProfile(env).connection).toEqual({
      tls: { clientCertPair: { crt: bytes('CLIENT CERT'), key: bytes('CLIENT KEY') } },
      metadata: { 'x-organisatie': 'gemeente-west' },
    });
    expect(
      parseTemporalProfile({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_TLS: 'true' }).connection,
    ).toEqual({ tls: {} });
    expect(
      parseTemporalProfile({
        TEMPORAL_ADDRESS: 'temporal.internal:7233',
        TEMPORAL_API_KEY: API_KEY,
        TEMPORAL_TLS: 'false',
      }).connection,
    ).toEqual({ apiKey: API_KEY, tls: false });
  });

  it('refuses what cannot connect, naming the setting and never the API key', () => {
    expect(refusal({ TEMPORAL_ADDRESS: 't:7233', TEMPORAL_TLS: 'yes' })).toBe(
      'TEMPORAL_TLS must be "true" or "false", got "yes"',
    );
    expect(refusal({ TEMPORAL_API_KEY: API_KEY })).toMatch(
      /^Temporal TLS or an API key is configured but no server is \(TEMPORAL_ADDRESS/,
    );
    expect(refusal({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'staging', TEMPORAL_API_KEY: API_KEY })).toBe(
      `TEMPORAL_CONFIG_FILE (${profiles}): Profile 'staging' not found in config data`,
    );
    expect(refusal({ TEMPORAL_CONFIG_FILE: join(dir, 'missing.toml') })).toBe(
      `TEMPORAL_CONFIG_FILE (${join(dir, 'missing.toml')}) cannot be read: ENOENT`,
    );
    expect(refusal({ TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'halfmtls' })).toMatch(
      /^A client certificate for mTLS needs its key/,
    );
    expect(
      refusal({
        TEMPORAL_ADDRESS: 't:7233',
        TEMPORAL_API_KEY: API_KEY,
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(dir, 'missing-ca.pem'),
      }),
    ).toMatch(/^Temporal TLS: ENOENT: no such file or directory, open '.*missing-ca\.pem'$/);
    expect(refusal({ TEMPORAL_ADDRESS: 't:7233', TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: 'true' })).toMatch(
      /^TEMPORAL_TLS_DISABLE_HOST_VERIFICATION is not supported/,
    );
    expect(() => loadConfig({ TEMPORAL_API_KEY: API_KEY })).toThrow(/no server is/);
  });
});
