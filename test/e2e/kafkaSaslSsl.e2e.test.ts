import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { hireRequestTopic } from '../../services/inbound/hireRequestConsumer';
import { loadConfig } from '../../services/shared/config';
import { kafkaClient, kafkaClientOptions } from '../../services/shared/kafkaClient';
import type { KafkaSettings } from '../../services/shared/kafkaSettings';
import { createLogger } from '../../services/shared/logger';
import { consumeUntil } from '../support/kafkaConsumer';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeUnless, describeWithServices } from '../support/serviceAvailability';
import { journeyStarted } from '../support/journeyStarted';

const run = promisify(execFile);
const repo = join(__dirname, '../..');
const tools = process.env.SOFT_LANDING_TOOLS ?? join(repo, '.tools');
// Its own broker, beside the shared plain one; the controller takes the port after it.
const port = process.env.SOFT_LANDING_TEST_KAFKA_SASL_PORT ?? '29393';
const noJars = existsSync(join(tools, 'kafka'))
  ? undefined
  : `no Kafka jars under ${tools}/kafka (run infra/kafka/provision.sh)`;

/**
 * Issue #17's secured Kafka, as far as it runs here: infra/kafka/start.sh's SASL_SSL broker (SCRAM-SHA-512, a CA of
 * its own), and the inbound consumer and the relay reaching it through nothing but the KAFKA_* settings. A broker
 * that cannot be started fails the suite with start.sh's reason.
 */
describeUnless('kafka', noJars, 'Kafka over SASL_SSL', () => {
  describeWithServices(['temporal'], 'the relay and the inbound consumer against a SCRAM broker with TLS', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-kafka-sasl-'));
    const brokerEnv = { ...process.env, KAFKA_SECURITY: 'sasl_ssl', KAFKA_DATA_DIR: dataDir, KAFKA_PORT: port };
    let settings: KafkaSettings;
    let system: RunningSystem | undefined;
    const logger = createLogger('kafka-sasl-test', 'fatal');

    beforeAll(async () => {
      const started = Date.now();
      const { stdout } = await run('bash', [join(repo, 'infra/kafka/start.sh')], {
        env: { ...brokerEnv, KAFKA_START_TIMEOUT: '150' },
        maxBuffer: 10 * 1024 * 1024,
      });
      console.log(`SASL_SSL broker on 127.0.0.1:${port} ready after ${Math.round((Date.now() - started) / 1000)}s`);
      // What start.sh reports is all a process gets: the settings (password as a file) and the address.
      const reported = Object.fromEntries(
        stdout
          .split('\n')
          .filter((line) => /^KAFKA_[A-Z_]+=/.test(line))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      expect(Object.keys(reported).sort()).toEqual([
        'KAFKA_BROKERS',
        'KAFKA_SASL_MECHANISM',
        'KAFKA_SASL_PASSWORD_FILE',
        'KAFKA_SASL_USERNAME',
        'KAFKA_SSL',
        'KAFKA_SSL_CA_FILE',
      ]);
      settings = loadConfig(reported).kafka!;
      system = await startSystem({ kafka: true, inbound: true, kafkaConnection: settings });
    }, 240_000);
    afterAll(async () => {
      await system?.stop();
      await run('bash', [join(repo, 'infra/kafka/stop.sh')], { env: brokerEnv });
      rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('takes a hire request from the secured topic and publishes the journey’s events to it', async () => {
      const running = system!;
      const organisationId = `sasl-${randomUUID().slice(0, 8)}`;
      const hireId = `h-${randomUUID().slice(0, 8)}`;
      const producer = kafkaClient({ ...settings, clientId: 'hr-system' }, logger).producer({ idempotent: true });
      await producer.connect();
      try {
        await producer.send({
          topic: hireRequestTopic(running.topicPrefix),
          acks: -1,
          messages: [
            {
              key: hireId,
              value: JSON.stringify({ hireId, startDate: '2027-04-01', role: 'Jeugdzorgwerker' }),
              headers: { 'organisation-id': organisationId },
            },
          ],
        });
      } finally {
        await producer.disconnect();
      }

      const description = await journeyStarted(running.client, organisationId, hireId, 60_000);
      expect(description.status.name).toBe('RUNNING');

      // The relay's side: the journey's first events, on this run's topics of the same broker.
      const messages = await consumeUntil(
        running.topics.topics,
        (received) => received.some((message) => header(message, 'ce_hireid') === hireId),
        60_000,
        settings,
      );
      const ours = messages.filter((message) => header(message, 'ce_hireid') === hireId);
      expect(ours[0]!.key?.toString()).toBe(`${organisationId}.${hireId}`);
      expect(header(ours[0]!, 'ce_source')).toBe(`/soft-landing/organisations/${organisationId}`);
    }, 120_000);

    it('refuses a client with the wrong password, and one that does not trust the broker’s CA', async () => {
      const wrongPassword = kafkaClient(
        { ...settings, clientId: 'intruder', sasl: { ...settings.sasl!, password: `${settings.sasl!.password}x` } },
        logger,
      ).admin();
      const refusal = await wrongPassword.connect().then(
        () => undefined,
        (error: Error) => error,
      );
      await wrongPassword.disconnect();
      expect(refusal?.name).toBe('KafkaJSSASLAuthenticationError');
      expect(refusal?.message).toMatch(
        /^SASL SCRAM SHA512 authentication failed: .*invalid credentials with SASL mechanism SCRAM-SHA-512/,
      );

      // Node's own CAs do not know the broker's: TLS is real, not a listener that takes anything.
      const untrusting = new Kafka({
        ...kafkaClientOptions({ ...settings, clientId: 'untrusting', ssl: {} }),
        retry: { retries: 0 },
        logLevel: logLevel.NOTHING,
      }).admin();
      const untrusted = await untrusting.connect().then(
        () => undefined,
        (error: Error) => error,
      );
      await untrusting.disconnect();
      // Without retries KafkaJS still wraps the one attempt's error.
      const cause = (untrusted as (Error & { cause?: Error & { code?: string } }) | undefined)?.cause;
      expect(cause?.name).toBe('KafkaJSConnectionError');
      expect(cause?.code).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    }, 60_000);
  });
});

function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}
