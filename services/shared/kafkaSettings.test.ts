import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';
import { kafkaClientOptions, topicDeclaration } from './kafkaClient';
import { parseKafkaSettings } from './kafkaSettings';

/** A password no error message may ever contain. */
const PASSWORD = 'geheim-Wachtwoord-42!';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('the Kafka settings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'soft-landing-kafka-settings-'));
    writeFileSync(join(dir, 'ca.pem'), PEM);
    writeFileSync(join(dir, 'not-a-certificate.pem'), 'hello');
    writeFileSync(join(dir, 'password'), `${PASSWORD}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const secured = (extra: Record<string, string> = {}) => ({
    KAFKA_BROKERS: 'kafka-1:9093, kafka-2:9093',
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: join(dir, 'ca.pem'),
    KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
    KAFKA_SASL_USERNAME: 'soft-landing',
    KAFKA_SASL_PASSWORD: PASSWORD,
    ...extra,
  });

  /** The error parsing throws, checked to leave the password out whatever it says. */
  const refusal = (env: Record<string, string | undefined>): string => {
    try {
      parseKafkaSettings(env);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain(PASSWORD);
      return message;
    }
    throw new Error('the settings were accepted');
  };

  it('is off without brokers, and with brokers only keeps the plain connection of before', () => {
    expect(parseKafkaSettings({})).toBeUndefined();
    expect(parseKafkaSettings({ KAFKA_BROKERS: ' , ' })).toBeUndefined();
    const plain = parseKafkaSettings({ KAFKA_BROKERS: '127.0.0.1:9092' });
    expect(plain).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'soft-landing', topicPrefix: 'soft-landing.' });
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092' }).kafka).toEqual(plain);
    expect(kafkaClientOptions(plain!)).toEqual({ clientId: 'soft-landing', brokers: ['127.0.0.1:9092'] });
  });

  it('reads TLS with its CA and SCRAM credentials, and builds the client options from them', () => {
    const settings = parseKafkaSettings(secured({ KAFKA_CLIENT_ID: 'gemeente-west', KAFKA_TOPIC_PREFIX: 'west.' }))!;
    expect(settings).toEqual({
      brokers: ['kafka-1:9093', 'kafka-2:9093'],
      clientId: 'gemeente-west',
      topicPrefix: 'west.',
      ssl: { ca: PEM },
      sasl: { mechanism: 'scram-sha-512', username: 'soft-landing', password: PASSWORD },
    });
    expect(kafkaClientOptions(settings)).toEqual({
      clientId: 'gemeente-west',
      brokers: ['kafka-1:9093', 'kafka-2:9093'],
      ssl: { ca: [PEM] },
      sasl: { mechanism: 'scram-sha-512', username: 'soft-landing', password: PASSWORD },
    });
    // TLS without a CA of our own: Node's CAs check the brokers.
    const publicCa = parseKafkaSettings({ KAFKA_BROKERS: 'kafka:9093', KAFKA_SSL: 'TRUE' })!;
    expect(publicCa.ssl).toEqual({});
    expect(kafkaClientOptions(publicCa).ssl).toBe(true);
  });

  it('reads the password from a file, without its final line break', () => {
    const settings = parseKafkaSettings(
      secured({ KAFKA_SASL_PASSWORD: '', KAFKA_SASL_PASSWORD_FILE: join(dir, 'password') }),
    )!;
    expect(settings.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'soft-landing', password: PASSWORD });
    expect(parseKafkaSettings(secured({ KAFKA_SASL_MECHANISM: 'plain' }))!.sasl?.mechanism).toBe('plain');
    expect(parseKafkaSettings(secured({ KAFKA_SASL_MECHANISM: 'scram-sha-256' }))!.sasl?.mechanism).toBe(
      'scram-sha-256',
    );
  });

  it('refuses TLS settings that cannot be what was meant, naming the variable', () => {
    expect(refusal({ KAFKA_BROKERS: 'k:9093', KAFKA_SSL: 'yes' })).toBe(
      'KAFKA_SSL must be "true" or "false", got "yes"',
    );
    expect(refusal({ KAFKA_BROKERS: 'k:9093', KAFKA_SSL_CA_FILE: join(dir, 'ca.pem') })).toBe(
      'KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not "true"',
    );
    expect(refusal(secured({ KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') }))).toBe(
      `KAFKA_SSL_CA_FILE (${join(dir, 'missing.pem')}) cannot be read: ENOENT`,
    );
    expect(refusal(secured({ KAFKA_SSL_CA_FILE: join(dir, 'not-a-certificate.pem') }))).toMatch(
      /^KAFKA_SSL_CA_FILE \(.*not-a-certificate\.pem\) holds no PEM certificate/,
    );
  });

  it('refuses SASL settings that cannot authenticate, naming the variable and never the password', () => {
    expect(refusal(secured({ KAFKA_SASL_MECHANISM: 'gssapi' }))).toBe(
      'KAFKA_SASL_MECHANISM must be one of scram-sha-256, scram-sha-512, plain, got "gssapi"',
    );
    expect(refusal(secured({ KAFKA_SASL_USERNAME: ' ' }))).toBe(
      'KAFKA_SASL_MECHANISM is scram-sha-512 but KAFKA_SASL_USERNAME is not set',
    );
    expect(refusal(secured({ KAFKA_SASL_PASSWORD: '' }))).toBe(
      'KAFKA_SASL_MECHANISM is scram-sha-512 but there is no password (KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE)',
    );
    expect(refusal(secured({ KAFKA_SASL_PASSWORD_FILE: join(dir, 'password') }))).toBe(
      'KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set; set one',
    );
    expect(refusal(secured({ KAFKA_SASL_PASSWORD: '', KAFKA_SASL_PASSWORD_FILE: join(dir, 'nope') }))).toBe(
      `KAFKA_SASL_PASSWORD_FILE (${join(dir, 'nope')}) cannot be read: ENOENT`,
    );
    expect(refusal(secured({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: '' }))).toBe(
      'KAFKA_SASL_MECHANISM plain sends the password unencrypted; it needs KAFKA_SSL=true',
    );
    // SCRAM over a plaintext listener (SASL_PLAINTEXT) stays possible: the password itself never travels.
    expect(parseKafkaSettings(secured({ KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: '' }))!.sasl?.mechanism).toBe(
      'scram-sha-512',
    );
    expect(refusal({ KAFKA_BROKERS: 'k:9092', KAFKA_SASL_PASSWORD: PASSWORD })).toBe(
      'KAFKA_SASL_PASSWORD is set but KAFKA_SASL_MECHANISM is not',
    );
    expect(refusal({ KAFKA_BROKERS: 'k:9092', KAFKA_SASL_USERNAME: 'soft-landing' })).toBe(
      'KAFKA_SASL_USERNAME is set but KAFKA_SASL_MECHANISM is not',
    );
  });

  it('declares topics with the replication settings, and with the broker’s defaults without them', () => {
    const replicated = parseKafkaSettings({
      KAFKA_BROKERS: 'k:9092',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    })!;
    expect(replicated.replication).toEqual({ factor: 3, minInsyncReplicas: 2 });
    expect(topicDeclaration('soft-landing.journey-lifecycle.v1', 3, replicated.replication)).toEqual({
      topic: 'soft-landing.journey-lifecycle.v1',
      numPartitions: 3,
      replicationFactor: 3,
      configEntries: [{ name: 'min.insync.replicas', value: '2' }],
    });
    const factorOnly = parseKafkaSettings({ KAFKA_BROKERS: 'k:9092', KAFKA_REPLICATION_FACTOR: '1' })!;
    expect(topicDeclaration('t', 3, factorOnly.replication)).toEqual({
      topic: 't',
      numPartitions: 3,
      replicationFactor: 1,
    });
    // Today's declaration: no factor, no configuration; the broker fills in its defaults.
    expect(topicDeclaration('t', 3, parseKafkaSettings({ KAFKA_BROKERS: 'k:9092' })!.replication)).toEqual({
      topic: 't',
      numPartitions: 3,
    });
  });

  it('refuses replication settings no topic can have', () => {
    const env = (extra: Record<string, string>) => ({ KAFKA_BROKERS: 'k:9092', ...extra });
    expect(refusal(env({ KAFKA_REPLICATION_FACTOR: '0' }))).toBe(
      'KAFKA_REPLICATION_FACTOR must be a whole number of at least 1, got "0"',
    );
    expect(refusal(env({ KAFKA_REPLICATION_FACTOR: 'drie' }))).toBe(
      'KAFKA_REPLICATION_FACTOR must be a whole number of at least 1, got "drie"',
    );
    expect(refusal(env({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '0' }))).toBe(
      'KAFKA_MIN_INSYNC_REPLICAS must be a whole number of at least 1, got "0"',
    );
    expect(refusal(env({ KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' }))).toBe(
      'KAFKA_MIN_INSYNC_REPLICAS (3) may not exceed KAFKA_REPLICATION_FACTOR (2)',
    );
    expect(refusal(env({ KAFKA_MIN_INSYNC_REPLICAS: '2' }))).toBe(
      'KAFKA_MIN_INSYNC_REPLICAS is set but KAFKA_REPLICATION_FACTOR is not (it may not exceed it)',
    );
  });

  it('makes loadConfig fail at start on such a combination', () => {
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      'KAFKA_SASL_MECHANISM is scram-sha-512 but KAFKA_SASL_USERNAME is not set',
    );
  });
});
