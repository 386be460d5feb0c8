import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { magicLinkKeyOf } from '../auth/magicLinks';
import type { Logger } from '../shared/logger';
import { openSqliteOrPostgres } from '../shared/postgres/pool';
import { PostgresSurveyStore } from './postgresSurveyStore';
import type { SurveyStorage } from './surveyStorage';
import { SurveyStore } from './surveyStore';

export interface SurveyStoreConfig {
  /** SURVEY_TOKENS_DB_PATH and SURVEY_ANSWERS_DB_PATH; unset: beside the people directory. */
  readonly survey?: { readonly tokensPath: string; readonly answersPath: string };
  readonly peopleDbPath: string;
  /** The survey links are signed with the magic-link key (API and worker share the file). */
  readonly auth?: { readonly magicLinkKeyPath: string };
  /** DATABASE_URL: set, the survey lives in PostgreSQL, shared by every replica; unset, in the SQLite files. */
  readonly databaseUrl?: string | undefined;
}

/**
 * The survey's invitations and answers, as the API and the worker both open them: in PostgreSQL with DATABASE_URL
 * (postgresSurveyStore.ts, migrated on open; on the first start the two SQLite files' contents are copied into
 * its empty tables), otherwise in the two SQLite files (surveyStore.ts). Either way the links are signed, and open
 * answers named, with the magic-link key, which every replica must share.
 */
export async function openSurveyStore(
  config: SurveyStoreConfig,
  logger?: Logger,
): Promise<{ store: SurveyStorage; close(): Promise<void> }> {
  const key = magicLinkKeyOf(config.auth?.magicLinkKeyPath ?? join(dirname(config.peopleDbPath), 'magic-link-key'));
  const earlier = sqliteSurveyPaths(config);
  return openSqliteOrPostgres<SurveyStorage>(config.databaseUrl, logger, {
    sqlite: () => new SurveyStore(earlier, key),
    // A deployment moving to DATABASE_URL brings its links and answers along on the first start; read only then.
    postgres: (pool) =>
      PostgresSurveyStore.open(pool, key, Date.now, async () => {
        if (!existsSync(earlier.tokensPath) && !existsSync(earlier.answersPath)) return undefined;
        const file = new SurveyStore(earlier, key);
        try {
          const contents = file.contents();
          // Counts only: no hire, link or answer in the log.
          logger?.info(
            {
              invitations: contents.invitations.length + contents.exit.invitations.length,
              answers:
                contents.pending.length +
                contents.released.length +
                contents.exit.pending.length +
                contents.exit.released.length,
            },
            'enquête: de uitnodigingen en antwoorden uit SURVEY_TOKENS_DB_PATH en SURVEY_ANSWERS_DB_PATH worden naar PostgreSQL overgenomen',
          );
          return contents;
        } finally {
          file.close();
        }
      }),
  });
}

/** The two SQLite files: SURVEY_*_DB_PATH, or beside the people directory. */
export function sqliteSurveyPaths(config: Pick<SurveyStoreConfig, 'survey' | 'peopleDbPath'>): {
  readonly tokensPath: string;
  readonly answersPath: string;
} {
  const folder = dirname(config.peopleDbPath);
  return (
    config.survey ?? {
      tokensPath: join(folder, 'survey-tokens.sqlite'),
      answersPath: join(folder, 'survey-answers.sqlite'),
    }
  );
}
