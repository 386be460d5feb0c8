import { dirname, join } from 'node:path';
import { magicLinkKeyOf } from '../auth/magicLinks';
import { SurveyStore } from './surveyStore';

export interface SurveyStoreConfig {
  /** SURVEY_TOKENS_DB_PATH and SURVEY_ANSWERS_DB_PATH; unset: beside the people directory. */
  readonly survey?: { readonly tokensPath: string; readonly answersPath: string };
  readonly peopleDbPath: string;
  /** The survey links are signed with the magic-link key (API and worker share the file). */
  readonly auth?: { readonly magicLinkKeyPath: string };
}

/** The survey's invitations and answers, as the API and the worker both open them (services/survey/surveyStore.ts). */
export function openSurveyStore(config: SurveyStoreConfig): SurveyStore {
  const folder = dirname(config.peopleDbPath);
  const paths = config.survey ?? {
    tokensPath: join(folder, 'survey-tokens.sqlite'),
    answersPath: join(folder, 'survey-answers.sqlite'),
  };
  return new SurveyStore(paths, magicLinkKeyOf(config.auth?.magicLinkKeyPath ?? join(folder, 'magic-link-key')));
}
