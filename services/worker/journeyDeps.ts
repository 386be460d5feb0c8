import type { EventStore } from '../event-store/eventStore';
import { MentorPool } from '../people/mentorPool';
import { PeopleDirectory } from '../people/peopleDirectory';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { JourneyTemplateStore } from '../templates/journeyTemplateStore';
import type { JourneyActivityDeps } from './journeyActivities';
import { createMailer } from './mail/mailer';

/** Everything the journey's activities talk to, opened from configuration; `close` releases it. */
export function openJourneyDeps(
  config: Pick<Config, 'peopleDbPath' | 'mail' | 'publicBaseUrl'>,
  store: EventStore,
  logger: Logger,
): JourneyActivityDeps & { close(): void } {
  const directory = new PeopleDirectory(config.peopleDbPath);
  const mailer = config.mail && createMailer(config.mail);
  if (!mailer) logger.warn('SMTP_URL is niet gezet: trajecten versturen geen mail en leggen dat vast');
  return {
    store,
    logger,
    templates: new JourneyTemplateStore(store),
    mentorPool: new MentorPool(store),
    directory,
    ...(mailer ? { mailer } : {}),
    publicBaseUrl: config.publicBaseUrl,
    close: () => {
      mailer?.close();
      directory.close();
    },
  };
}
