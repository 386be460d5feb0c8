import { loadConfig } from '../shared/config';
import { closeServer, listen } from './listen';
import { createLogger } from '../shared/logger';
import { PeopleDirectory } from '../people/peopleDirectory';
import { openEventStore } from '../event-store/openEventStore';
import { runService } from '../shared/runService';
import { connectTemporal } from '../shared/temporalConnection';
import { openAuth } from '../auth/openAuth';
import { createApp } from './createApp';
import { openApiReadModels } from './readModels';
import { openWebhookSettings } from '../webhooks/openWebhookSettings';
import { openSurveyStore } from '../survey/openSurveyStore';
import { startTeamNudgeSchedule } from '../analytics/teamNudgeCheck';
import { startReminderDigestSchedule } from '../worker/reminderDigestSchedule';
import { createMailer } from '../worker/mail/mailer';

/** The HTTP API as its own deployable (docker compose); `npm start` runs it inside services/embedded. */
const config = loadConfig();
const logger = createLogger('api', config.logLevel);

runService(logger, async () => {
  const store = openEventStore(config, logger);
  const temporal = await connectTemporal(config, logger);
  // The worker mails from the same directory: in a split deployment PEOPLE_DB_PATH must be shared storage.
  const directory = new PeopleDirectory(config.peopleDbPath);
  const readModels = openApiReadModels(config.readModelPath, store, logger);
  const auth = await openAuth(config, logger);
  // The worker mails the links from the same files: in a split deployment SURVEY_*_DB_PATH must be shared storage.
  const survey = openSurveyStore(config);
  const server = await listen(
    createApp({
      client: temporal.client,
      store,
      taskQueue: config.temporal.taskQueue,
      logger,
      directory,
      readModels: readModels.db,
      auth,
      ...(config.httpTrustProxy === undefined ? {} : { trustProxy: config.httpTrustProxy }),
      webhooks: openWebhookSettings(config.webhooks),
      survey,
      teamNudgeDefaults: config.teamNudges,
    }),
    config.httpPort,
    config.httpHost,
  );
  // The nudge check and the reminder digest read the read models, so they run here; they mail through the same SMTP
  // settings as the worker.
  const mailer =
    config.mail && (config.teamNudges.intervalMinutes > 0 || config.reminderDigest.intervalMinutes > 0)
      ? createMailer(config.mail)
      : undefined;
  const nudges =
    mailer &&
    config.teamNudges.intervalMinutes > 0 &&
    startTeamNudgeSchedule(
      {
        readModels: readModels.db,
        store,
        directory,
        mailer,
        publicBaseUrl: config.publicBaseUrl,
        thresholds: config.teamNudges,
        logger,
      },
      config.teamNudges.intervalMinutes * 60_000,
    );
  const digests =
    mailer &&
    config.reminderDigest.intervalMinutes > 0 &&
    startReminderDigestSchedule(
      { readModels: readModels.db, directory, mailer, publicBaseUrl: config.publicBaseUrl, logger },
      { sendAt: config.reminderDigest.sendAt, intervalMs: config.reminderDigest.intervalMinutes * 60_000 },
    );
  logger.info({ host: config.httpHost, port: config.httpPort }, 'API luistert');
  return async () => {
    await closeServer(server);
    if (nudges) await nudges.stop();
    if (digests) await digests.stop();
    mailer?.close();
    await readModels.close();
    await auth.close();
    survey.close();
    await temporal.close();
    directory.close();
    await store.close();
  };
});
