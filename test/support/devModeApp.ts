import type { Express } from 'express';
import { type ApiDeps, createApp } from '../../services/api/createApp';
import { ApiKeyStore } from '../../services/auth/apiKeyStore';
import { SurveyStore } from '../../services/survey/surveyStore';

/**
 * The API on the parts a test gives it, in dev mode (the role from X-Role), with keys and a survey of its own in
 * memory: for a test about what the app does with its Temporal client, event store or read models (readiness,
 * shutdown, the request log), not about credentials or the survey.
 */
export function devModeApp(deps: Pick<ApiDeps, 'client' | 'store' | 'logger' | 'directory' | 'readModels'>): Express {
  return createApp({
    ...deps,
    taskQueue: 'unused',
    auth: { apiKeys: new ApiKeyStore(':memory:'), devMode: true },
    survey: SurveyStore.inMemory(),
  });
}
