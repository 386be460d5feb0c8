// The Kafka settings' shape and parser live beside config.ts (the bottom layer), as oidcProviders.ts does for OIDC:
// config.ts hands them its environment; services/shared/kafkaClient.ts turns them into a client.
import { readFileSync } from 'node:fs';

export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512', 'plain'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** How a process reaches the brokers: what every Kafka client of ours needs (services/shared/kafkaClient.ts). */
export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** KAFKA_SSL=true: TLS to every broker, checked against `ca` (KAFKA_SSL_CA_FILE, PEM) or else Node's own CAs. */
  readonly ssl?: { readonly ca?: string };
  /** KAFKA_SASL_*: who we are to the brokers. The password is read once at start and never logged. */
  readonly sasl?: {
    readonly mechanism: KafkaSaslMechanism;
    readonly username: string;
    readonly password: string;
  };
}

export interface KafkaSettings extends KafkaConnection {
  /** Topics are `<prefix><purpose>.v1`, as contracts/asyncapi.yaml lists them with the default prefix. */
  readonly topicPrefix: string;
  /**
   * Of the topics the relay and the inbound consumer declare (a topic that exists already keeps its own):
   * KAFKA_REPLICATION_FACTOR and KAFKA_MIN_INSYNC_REPLICAS; unset, the broker's defaults, as before these settings.
   */
  readonly replication?: { readonly factor: number; readonly minInsyncReplicas?: number };
}

type Env = Readonly<Record<string, string | undefined>>;

/** Undefined without KAFKA_BROKERS (no Kafka at all); a combination that cannot work fails here, at start. */
export function parseKafkaSettings(env: Env): KafkaSettings | undefined {
  const brokers = (nonEmpty(env.KAFKA_BROKERS) ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0) return undefined;
  const ssl = tls(env);
  const sasl = saslCredentials(env);
  // SCRAM proves the password without sending it; PLAIN sends it as it is, to anyone on the way without TLS.
  if (sasl?.mechanism === 'plain' && !ssl)
    throw new Error('KAFKA_SASL_MECHANISM plain sends the password unencrypted; it needs KAFKA_SSL=true');
  const replication = replicationSettings(env);
  return {
    brokers,
    clientId: nonEmpty(env.KAFKA_CLIENT_ID) ?? 'soft-landing',
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? 'soft-landing.',
    ...(ssl ? { ssl } : {}),
    ...(sasl ? { sasl } : {}),
    ...(replication ? { replication } : {}),
  };
}

function tls(env: Env): KafkaConnection['ssl'] {
  const raw = nonEmpty(env.KAFKA_SSL)?.toLowerCase() ?? 'false';
  if (raw !== 'true' && raw !== 'false') throw new Error(`KAFKA_SSL must be "true" or "false", got "${raw}"`);
  const caFile = nonEmpty(env.KAFKA_SSL_CA_FILE);
  if (raw === 'false') {
    // A CA without TLS would be ignored, and the connection plaintext while its author thinks it is not.
    if (caFile) throw new Error('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not "true"');
    return undefined;
  }
  if (!caFile) return {};
  const ca = readSetting('KAFKA_SSL_CA_FILE', caFile);
  if (!ca.includes('-----BEGIN CERTIFICATE-----'))
    throw new Error(`KAFKA_SSL_CA_FILE (${caFile}) holds no PEM certificate ("-----BEGIN CERTIFICATE-----")`);
  return { ca };
}

function saslCredentials(env: Env): KafkaConnection['sasl'] {
  const rawMechanism = nonEmpty(env.KAFKA_SASL_MECHANISM);
  const username = nonEmpty(env.KAFKA_SASL_USERNAME);
  // Not trimmed: a password may begin or end with a space. Only a password file's final line break goes.
  const password = env.KAFKA_SASL_PASSWORD === '' ? undefined : env.KAFKA_SASL_PASSWORD;
  const passwordFile = nonEmpty(env.KAFKA_SASL_PASSWORD_FILE);
  if (!rawMechanism) {
    const stray = [
      ['KAFKA_SASL_USERNAME', username],
      ['KAFKA_SASL_PASSWORD', password],
      ['KAFKA_SASL_PASSWORD_FILE', passwordFile],
    ].find(([, value]) => value !== undefined);
    if (stray) throw new Error(`${stray[0]} is set but KAFKA_SASL_MECHANISM is not`);
    return undefined;
  }
  const mechanism = rawMechanism.toLowerCase();
  if (!isMechanism(mechanism))
    throw new Error(`KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}, got "${rawMechanism}"`);
  if (!username) throw new Error(`KAFKA_SASL_MECHANISM is ${mechanism} but KAFKA_SASL_USERNAME is not set`);
  if (password !== undefined && passwordFile)
    throw new Error('KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set; set one');
  const secret =
    password ?? (passwordFile ? readSetting('KAFKA_SASL_PASSWORD_FILE', passwordFile).replace(/\r?\n$/, '') : '');
  if (secret === '')
    throw new Error(
      `KAFKA_SASL_MECHANISM is ${mechanism} but there is no password (KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE)`,
    );
  return { mechanism, username, password: secret };
}

function replicationSettings(env: Env): KafkaSettings['replication'] {
  const replicationFactor = positive(env, 'KAFKA_REPLICATION_FACTOR');
  const minInsyncReplicas = positive(env, 'KAFKA_MIN_INSYNC_REPLICAS');
  if (minInsyncReplicas !== undefined) {
    // Against the broker's default factor it could not be checked here, and a producer waiting for more in-sync
    // replicas than there are copies gets NOT_ENOUGH_REPLICAS on every send.
    if (replicationFactor === undefined)
      throw new Error('KAFKA_MIN_INSYNC_REPLICAS is set but KAFKA_REPLICATION_FACTOR is not (it may not exceed it)');
    if (minInsyncReplicas > replicationFactor)
      throw new Error(
        `KAFKA_MIN_INSYNC_REPLICAS (${minInsyncReplicas}) may not exceed KAFKA_REPLICATION_FACTOR (${replicationFactor})`,
      );
  }
  if (replicationFactor === undefined) return undefined;
  return { factor: replicationFactor, ...(minInsyncReplicas === undefined ? {} : { minInsyncReplicas }) };
}

function isMechanism(value: string): value is KafkaSaslMechanism {
  return (KAFKA_SASL_MECHANISMS as readonly string[]).includes(value);
}

/** A file a setting names, read now: a missing CA or password file should stop the start, not the first send. */
function readSetting(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${name} (${path}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function positive(env: Env, name: string): number | undefined {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}
