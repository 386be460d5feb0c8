import type { EventStore } from '../event-store/eventStore';
import { magicLinkSigner } from '../auth/magicLinks';
import { MentorPool } from '../people/mentorPool';
import { openPeopleDirectory } from '../people/openPeopleDirectory';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { JourneyTemplateStore } from '../templates/journeyTemplateStore';
import type { JourneyActivityDeps } from './journeyActivities';
import { createMailer } from './mail/mailer';
import { QuestionnaireStore } from '../survey/questionnaireStore';
import { openSurveyStore } from '../survey/openSurveyStore';

/**
 * Everything the journey's activities talk to, opened from configuration; `close` releases it. With DATABASE_URL
 * the survey store and the people directory are PostgreSQL's: the worker makes the links and mails the contacts
 * that the API's replicas spend and wrote.
 */
export async function openJourneyDeps(
  config: Pick<Config, 'peopleDbPath' | 'mail' | 'publicBaseUrl'> & {
    auth?: Pick<Config['auth'], 'magicLinkKeyPath' | 'magicLinkTtlDays'>;
    survey?: Config['survey'];
    databaseUrl?: string | undefined;
    vaultKekPath?: string;
  },
  store: EventStore,
  logger: Logger,
): Promise<JourneyActivityDeps & { close(): Promise<void> }> {
  const survey = await openSurveyStore(config, logger);
  const people = await openPeopleDirectory({ ...config, databaseUrl: config.databaseUrl }, logger);
  const mailer = config.mail && createMailer(config.mail);
  if (!mailer) logger.warn('SMTP_URL is niet gezet: trajecten versturen geen mail en leggen dat vast');
  return {
    store,
    logger,
    templates: new JourneyTemplateStore(store),
    mentorPool: new MentorPool(store),
    directory: people.directory,
    survey: survey.store,
    questionnaires: new QuestionnaireStore(store),
    ...(mailer ? { mailer } : {}),
    publicBaseUrl: config.publicBaseUrl,
    // Without the key (some tests) mails link to the app's sign-in page instead of a magic link.
    ...(config.auth ? { magicLinks: magicLinkSigner(config.auth) } : {}),
    close: async () => {
      mailer?.close();
      await survey.close();
      await people.close();
    },
  };
}
