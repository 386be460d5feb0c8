import { ALL_IN_ONE, runDeployable } from '../shared/runDeployable';
import { startJourneyWorker } from '../worker/startJourneyWorker';
import { createApp } from '../api/createApp';
import { issueBootstrapAdminKey, openAuth } from '../auth/openAuth';
import { openApiReadModels } from '../api/readModels';
import { startKafkaHireRequests } from '../inbound/kafkaHireRequests';
import { startKafkaRelay } from '../relay/kafkaRelay';
import { requireFreePorts } from '../shared/freePorts';
import { closeServer, listen } from '../http/listen';
import { Metrics } from '../shared/metrics';
import { openWebhookSettings } from '../webhooks/openWebhookSettings';
import { startWebhookDispatcher } from '../webhooks/webhookDispatcher';
import { startMailSchedules } from '../api/mailSchedules';

/** `npm start`: the whole system in one process on its embedded defaults (Temporal dev server, SQLite file). */
runDeployable(ALL_IN_ONE, async (config, logger) => {
  await requireFreePorts([
    { setting: 'PORT', port: config.httpPort },
    ...(config.temporal.address
      ? []
      : [
          { setting: 'TEMPORAL_EMBEDDED_PORT', port: config.temporal.embeddedPort },
          { setting: 'TEMPORAL_EMBEDDED_UI_PORT', port: config.temporal.embeddedUiPort },
        ]),
  ]);
  const journey = await startJourneyWorker(config, logger);
  const { store, temporal, journeyDeps } = journey;

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
    await journey.stop();
  };
});
