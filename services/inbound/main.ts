import { runDeployable } from '../shared/runDeployable';
import { openPeopleDirectory } from '../people/openPeopleDirectory';
import { eventStoreCheck, kafkaCheck, temporalCheck } from '../operations/readinessChecks';
import { startServiceOperations } from '../operations/serviceOperations';
import { kafkaClient } from '../shared/kafkaClient';
import { openEventStore } from '../event-store/openEventStore';
import { connectTemporal } from '../shared/temporalConnection';
import { startKafkaHireRequests } from './kafkaHireRequests';

/**
 * The consumer of the inbound hire-request topic as its own deployable (docker compose, infra/helm): registers
 * each request as `POST /hires` would. Replicas share the topic's partitions (one consumer group).
 */
runDeployable('inbound', async (config, logger) => {
  if (!config.kafka) throw new Error('KAFKA_BROKERS is niet gezet: er is geen topic om aanvragen van te lezen');
  const store = openEventStore(config, logger);
  const temporal = await connectTemporal(config, logger);
  const people = await openPeopleDirectory(config, logger);
  const { directory } = people;
  const inbound = await startKafkaHireRequests(config.kafka, {
    client: temporal.client,
    store,
    taskQueue: config.temporal.taskQueue,
    logger,
    directory,
  });
  const kafka = kafkaCheck(kafkaClient({ ...config.kafka, clientId: `${config.kafka.clientId}-readiness` }, logger));
  const { ops } = await startServiceOperations(config, logger, {
    temporal: temporalCheck(temporal.client),
    eventStore: eventStoreCheck(store),
    kafka,
  });
  return async () => {
    await ops.close();
    await inbound.stop();
    await kafka.close();
    await people.close();
    await temporal.close();
    await store.close();
  };
});
