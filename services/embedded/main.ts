import { startTracing } from '../shared/tracing';
import { createApp } from '../api/createApp';
import { issueBootstrapAdminKey, openAuth } from '../auth/openAuth';
import { openApiReadModels } from '../api/readModels';
import { startKafkaHireRequests } from '../inbound/kafkaHireRequests';
import { startKafkaRelay } from '../relay/kafkaRelay';
import { loadConfig } from '../shared/config';
import { requireFreePorts } from '../shared/freePorts';
import { closeServer, listen } from '../http/listen';
import { createLogger } from '../shared/logger';
import { Metrics } from '../shared/metrics';
import { openEventStore } from '../event-store/openEventStore';
import { runService } from '../shared/runService';
import { connectTemporal } from '../shared/temporalConnection';
import { runWorker } from '../worker/createWorker';
import { openJourneyDeps } from '../worker/journeyDeps';
import { openWebhookSettings } from '../webhooks/openWebhookSettings';
import { startWebhookDispatcher } from '../webhooks/webhookDispatcher';
import { startMailSchedules } from '../api/mailSchedules';

/** `npm start`: the whole system in one process on its embedded defaults (Temporal dev server, SQLite file). */
const config = loadConfig();
const logger = createLogger('soft-landing', config.logLevel);
// Traces by the OpenTelemetry settings (OTEL_EXPORTER_OTLP_ENDPOINT); off without them.
startTracing('soft-landing');

runService(logger, async () => {
  await requireFreePorts([
    { setting: 'PORT', port: config.httpPort },
    ...(config.temporal.address
      ? []
      : [
          { setting: 'TEMPORAL_EMBEDDED_PORT', port: config.temporal.embeddedPort },
          { setting: 'TEMPORAL_EMBEDDED_UI_PORT', port: config.temporal.embeddedUiPort },
        ]),
  ]);
  const store = openEventStore(config, logger);
  const temporal = await connectTemporal(config, logger);
  const journeyDeps = await openJourneyDeps(config, store, logger);
  const worker = await runWorker({
    connection: temporal.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: journeyDeps,
  });

  // One registry for the process: the API's /metrics reports the relay's lag too.
  const metrics = new Metrics();
  const relay = config.kafka && (await startKafkaRelay(config.kafka, store, logger, { metrics }));
  if (!relay) {
    logger.warn('KAFKA_BROKERS is niet gezet: de relay naar Kafka staat uit');
  }

  const webhookSettings = openWebhookSettings(config.webhooks);
  const webhooks = await startWebhookDispatcher({
    store,
    checkpoints: store,
    logger,
    delivery: config.webhooks,
    ...webhookSettings,
  });
  const inbound =
    config.kafka &&
    (await startKafkaHireRequests(config.kafka, {
      client: temporal.client,
      store,
      taskQueue: config.temporal.taskQueue,
      logger,
      directory: journeyDeps.directory,
    }));

  const readModels = openApiReadModels(config.readModelPath, store, logger);
  const auth = await openAuth(config, logger);
  await issueBootstrapAdminKey(auth, config, logger);
  const app = createApp({
    client: temporal.client,
    store,
    taskQueue: config.temporal.taskQueue,
    logger,
    directory: journeyDeps.directory,
    readModels: readModels.db,
    readModelsReadiness: readModels.readiness,
    metrics,
    auth,
    ...(config.httpTrustProxy === undefined ? {} : { trustProxy: config.httpTrustProxy }),
    webhooks: webhookSettings,
    survey: journeyDeps.survey,
    teamNudgeDefaults: config.teamNudges,
  });
  const schedules = startMailSchedules(config, {
    readModels: readModels.db,
    whenCaughtUp: readModels.whenCaughtUp,
    store,
    directory: journeyDeps.directory,
    mailer: journeyDeps.mailer,
    logger,
  });
  const server = await listen(app, config.httpPort, config.httpHost);
  logger.info(
    { api: `http://${config.httpHost}:${config.httpPort}`, temporal: temporal.address },
    'Soft Landing draait',
  );

  return async () => {
    await closeServer(server);
    await schedules.stop();
    await readModels.close();
    await auth.close();
    if (relay) await relay.stop();
    if (inbound) await inbound.stop();
    await webhooks.stop();
    await worker.stop();
    await temporal.close();
    await journeyDeps.close();
    await store.close();
  };
});
