// How a process reaches Temporal, beside config.ts (the bottom layer) as kafkaSettings.ts is: Temporal's own
// environment configuration (@temporalio/envconfig) reads the profile, this module refuses what cannot work.
import { readFileSync } from 'node:fs';
import { type ClientConfigProfile, loadClientConfigProfile, toClientOptions } from '@temporalio/envconfig';
import type { TLSConfig } from '@temporalio/client';

/** What the client's and the worker's connections take besides the address (TLS, mTLS, an API key, headers). */
export interface TemporalConnectionOptions {
  readonly tls?: TLSConfig | boolean;
  /** Temporal Cloud's API key (TEMPORAL_API_KEY or the profile's api_key); never logged. */
  readonly apiKey?: string;
  /** gRPC headers sent with every call (TEMPORAL_GRPC_META_* or the profile's grpc_meta). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface TemporalProfile {
  /** Unset: no server is named, and `npm start` runs its embedded dev server. */
  readonly address?: string;
  readonly namespace: string;
  readonly connection: TemporalConnectionOptions;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Temporal's environment configuration, as its CLI and SDKs read it: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY, TEMPORAL_TLS, TEMPORAL_TLS_* and TEMPORAL_GRPC_META_*, over the profile TEMPORAL_PROFILE
 * (default `default`) of the TOML file TEMPORAL_CONFIG_FILE. Only a file named so is read, never the one in the
 * home folder: a server should not connect elsewhere because someone configured their CLI.
 */
export function parseTemporalProfile(env: Env): TemporalProfile {
  const configFile = nonEmpty(env.TEMPORAL_CONFIG_FILE);
  const tlsFlag = nonEmpty(env.TEMPORAL_TLS)?.toLowerCase();
  // envconfig reads anything but "true" and "1" as false: TEMPORAL_TLS=yes would turn TLS off.
  if (tlsFlag !== undefined && !['true', 'false', '1', '0'].includes(tlsFlag))
    throw new Error(`TEMPORAL_TLS must be "true" or "false", got "${env.TEMPORAL_TLS}"`);
  if (['true', '1'].includes(nonEmpty(env.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION)?.toLowerCase() ?? ''))
    throw new Error(
      'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION is not supported by the TypeScript SDK; name the server with TEMPORAL_TLS_SERVER_NAME',
    );

  let profile: ClientConfigProfile;
  const fileData = configFile === undefined ? undefined : readConfigFile(configFile);
  try {
    profile = loadClientConfigProfile({
      ...(fileData === undefined ? { disableFile: true } : { configSource: { data: fileData } }),
      overrideEnvVars: temporalVariables(env),
    });
  } catch (error) {
    throw new Error(`${configFile ? `TEMPORAL_CONFIG_FILE (${configFile})` : 'Temporal'}: ${reason(error)}`);
  }
  const tls = profile.tls;
  if (tls && !tls.disabled && Boolean(tls.clientCert) !== Boolean(tls.clientKey))
    throw new Error(
      'A client certificate for mTLS needs its key and the key its certificate: TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH (or the profile’s client_cert_path and client_key_path) go together',
    );

  let connectionOptions: ReturnType<typeof toClientOptions>['connectionOptions'];
  try {
    // Reads the certificate and key files now: a missing one stops the start, not the first call.
    connectionOptions = toClientOptions(profile).connectionOptions;
  } catch (error) {
    throw new Error(`Temporal TLS: ${reason(error)}`);
  }
  const address = nonEmpty(profile.address);
  const connection: TemporalConnectionOptions = {
    ...(connectionOptions.tls === undefined || connectionOptions.tls === null ? {} : { tls: connectionOptions.tls }),
    ...(connectionOptions.apiKey ? { apiKey: connectionOptions.apiKey as string } : {}),
    ...(connectionOptions.metadata && Object.keys(connectionOptions.metadata).length > 0
      ? { metadata: connectionOptions.metadata as Record<string, string> }
      : {}),
  };
  if (!address && (connection.tls || connection.apiKey))
    throw new Error(
      'Temporal TLS or an API key is configured but no server is (TEMPORAL_ADDRESS, or the profile’s address); the embedded dev server takes neither',
    );
  return {
    ...(address ? { address } : {}),
    namespace: nonEmpty(profile.namespace) ?? 'default',
    connection,
  };
}

/** Read here: envconfig takes a missing file for an empty one, and so the server for the embedded one. */
function readConfigFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `TEMPORAL_CONFIG_FILE (${path}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? reason(error)}`,
    );
  }
}

/** The message of a failure, which names files and keys, never the API key's value. */
function reason(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * The variables of Temporal's environment configuration that we take, by name, so this stays the place that
 * knows them (the codec's, TEMPORAL_CODEC_*, are not for a server). envconfig reads nothing else.
 */
function temporalVariables(env: Env): Record<string, string> {
  const named: Record<string, string | undefined> = {
    TEMPORAL_PROFILE: env.TEMPORAL_PROFILE,
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
    TEMPORAL_API_KEY: env.TEMPORAL_API_KEY,
    TEMPORAL_TLS: env.TEMPORAL_TLS,
    TEMPORAL_TLS_CLIENT_CERT_PATH: env.TEMPORAL_TLS_CLIENT_CERT_PATH,
    TEMPORAL_TLS_CLIENT_KEY_PATH: env.TEMPORAL_TLS_CLIENT_KEY_PATH,
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: env.TEMPORAL_TLS_SERVER_CA_CERT_PATH,
    TEMPORAL_TLS_SERVER_NAME: env.TEMPORAL_TLS_SERVER_NAME,
  };
  for (const [name, value] of Object.entries(env)) if (name.startsWith(GRPC_META_PREFIX)) named[name] = value;
  return Object.fromEntries(Object.entries(named).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** TEMPORAL_GRPC_META_<NAME>: a header of every call, `x-organisatie` for TEMPORAL_GRPC_META_X_ORGANISATIE. */
const GRPC_META_PREFIX = 'TEMPORAL_GRPC_META_';

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}
