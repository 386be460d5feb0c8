import { createApp } from '../api/createApp';
import { openApiReadModels } from '../api/readModels';
import { KafkaPublisher } from '../relay/kafkaPublisher';
import { type Relay, startRelay } from '../relay/relay';
import { loadConfig } from '../shared/config';
import { closeServer, listen } from '../shared/listen';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../shared/openEventStore';
import { runService } from '../shared/runService';
import { connectTemporal } from '../shared/temporalConnection';
import { createWorker } from '../worker/createWorker';
import { openJourneyDeps } from '../worker/journeyDeps';

/** `npm start`: the whole system in one process on its embedded defaults (Temporal dev server, SQLite file). */
const config = loadConfig();
const logger = createLogger('soft-landing', config.logLevel);

runService(logger, async () => {
  const store = openEventStore(config, logger);
  const temporal = await connectTemporal(config, logger);
  const journeyDeps = openJourneyDeps(config, store, logger);
  const worker = await createWorker({
    connection: temporal.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: journeyDeps,
  });
  const workerRun = worker.run();

  let relay: Relay | undefined;
  const publisher = config.kafka && new KafkaPublisher(config.kafka, logger);
  if (publisher) {
    relay = await startRelay({ store, checkpoints: store, publisher, logger });
  } else {
    logger.warn('KAFKA_BROKERS is niet gezet: de relay naar Kafka staat uit');
  }

  const readModels = openApiReadModels(config.readModelPath, store, logger);
  const app = createApp({ client: temporal.client, store, taskQueue: config.temporal.taskQueue, logger, directory: journeyDeps.directory, readModels: readModels.db });
  const server = await listen(app, config.httpPort);
  logger.info(
    { api: `http://localhost:${config.httpPort}`, temporal: temporal.address },
    'Soft Landing draait',
  );

  return async () => {
    await closeServer(server);
    await readModels.close();
    await relay?.stop();
    await publisher?.close();
    worker.shutdown();
    await workerRun;
    await temporal.close();
    journeyDeps.close();
    await store.close();
  };
});
