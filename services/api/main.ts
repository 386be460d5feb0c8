import { runDeployable } from '../shared/runDeployable';
import { closeServer, listen } from '../http/listen';
import { openPeopleDirectory } from '../people/openPeopleDirectory';
import { openEventStore } from '../event-store/openEventStore';
import { connectTemporal } from '../shared/temporalConnection';
import { openAuth } from '../auth/openAuth';
import { createApp } from './createApp';
import { openApiReadModels } from './readModels';
import { openWebhookSettings } from '../webhooks/openWebhookSettings';
import { openSurveyStore } from '../survey/openSurveyStore';
import { mailSchedulesWanted, startLeasedMailSchedules } from './mailSchedules';
import { createMailer } from '../worker/mail/mailer';
import { openLeaseStore } from '../shared/lease/openLeaseStore';

/** The HTTP API as its own deployable (docker compose); `npm start` runs it inside services/embedded. */
runDeployable('api', async (config, logger) => {
  const store = openEventStore(config, logger);
  const temporal = await connectTemporal(config, logger);
  // The worker mails from the same directory: PostgreSQL with DATABASE_URL, else PEOPLE_DB_PATH on shared storage.
  const people = await openPeopleDirectory(config, logger);
  const { directory } = people;
  // Replicas on one read-model file take turns projecting into it (one lease per file; see readModels.ts).
  const leases = await openLeaseStore(config, logger);
  const readModels = openApiReadModels(config.readModelPath, store, logger, {
    lease: {
      store: leases.store,
      ttlMs: config.lease.ttlSeconds * 1000,
      renewMs: config.lease.renewSeconds * 1000,
    },
  });
  const auth = await openAuth(config, logger);
  // The worker mails the links from the same store: PostgreSQL with DATABASE_URL (replicas share it), otherwise the
  // SURVEY_*_DB_PATH files, which in a split deployment must then be shared storage.
  const survey = await openSurveyStore(config, logger);
  const server = await listen(
    createApp({
      client: temporal.client,
      store,
      taskQueue: config.temporal.taskQueue,
      logger,
      directory,
      readModels: readModels.db,
      readModelsReadiness: readModels.readiness,
      auth,
      ...(config.httpTrustProxy === undefined ? {} : { trustProxy: config.httpTrustProxy }),
      webhooks: openWebhookSettings(config.webhooks),
      survey: survey.store,
      teamNudgeDefaults: config.teamNudges,
    }),
    config.httpPort,
    config.httpHost,
  );
  // They mail through the same SMTP settings as the worker; with replicas, only the lease holder does.
  const mailer = config.mail && mailSchedulesWanted(config) ? createMailer(config.mail) : undefined;
  const schedules = startLeasedMailSchedules(config, {
    readModels: readModels.db,
    whenCaughtUp: readModels.whenCaughtUp,
    store,
    directory,
    mailer,
    logger,
    leases: leases.store,
  });
  logger.info({ host: config.httpHost, port: config.httpPort }, 'API luistert');
  return async () => {
    await closeServer(server);
    await schedules.stop();
    mailer?.close();
    await readModels.close();
    await leases.close();
    await auth.close();
    await survey.close();
    await temporal.close();
    await people.close();
    await store.close();
  };
});
