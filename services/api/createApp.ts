import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import type { EventStore } from '../event-store/eventStore';
import { MentorPool } from '../people/mentorPool';
import type { PeopleDirectory } from '../people/peopleDirectory';
import type { ReadModelDb } from '../projections';
import type { Logger } from '../shared/logger';
import { Metrics } from '../shared/metrics';
import { JourneyTemplateStore } from '../templates/journeyTemplateStore';
import { VacancyProfileStore } from '../vacancies/vacancyProfileStore';
import { CostSettingsStore } from '../analytics/costSettingsStore';
import type { TeamNudgeThresholds } from '../analytics/teamNudgeCrossings';
import { TeamNudgeThresholdsStore } from '../analytics/teamNudgeThresholdsStore';
import { loadConfig } from '../shared/config';
import { analyticsRouter } from './analyticsRouter';
import { apiKeysRouter } from './apiKeysRouter';
import { auditRouter } from './auditRouter';
import { HireRegistration } from '../registration/hireRegistration';
import { hiresRouter } from './hiresRouter';
import { requestLog } from './requestLog';
import { requestTrace } from './requestTrace';
import { Rehires } from '../registration/rehires';
import { StoredJourneyViews } from './storedJourneyViews';
import { JourneyCommands } from './journeyCommands';
import { journeyCommandsRouter } from './journeyCommandsRouter';
import { planChangesRouter } from './planChangesRouter';
import { journeyTemplatesRouter } from './journeyTemplatesRouter';
import { jsonBodies } from '../http/jsonBodies';
import { listsRouter } from './listsRouter';
import { magicLinkRouter } from './magicLinkRouter';
import { operationsRouter } from '../operations/operationsRouter';
import { type ReadinessCheck, eventStoreCheck, temporalCheck } from '../operations/readinessChecks';
import { peopleRouter } from './peopleRouter';
import { loadOpenApiDocument } from '../http/openapiDocument';
import { problemHandler, routeNotFound } from '../problems/problem';
import { RequestValidator } from '../http/requestValidator';
import { sessionRouter } from './sessionRouter';
import { vacancyProfilesRouter } from './vacancyProfilesRouter';
import { hireVacancyProfileRouter } from './hireVacancyProfileRouter';
import { webAppRouter } from './webAppRouter';
import { webhooksRouter } from './webhooksRouter';
import { WebhookAddressPolicy } from '../webhooks/webhookAddressPolicy';
import { WebhookSecretBox } from '../webhooks/webhookSecretBox';
import { type AuthenticationOptions, authentication } from './authentication';
import { authorization } from './authorization';
import { DOCS_PATHS, docsRouter } from './docsRouter';
import { ResourceMethods, methodGuard } from './resourceMethods';
import { OperationGuard } from './operationGuard';
import { QuestionnaireStore } from '../survey/questionnaireStore';
import { SurveyService } from '../survey/surveyService';
import type { SurveyStorage } from '../survey/surveyStorage';
import { SurveyTopicOwnersStore } from '../survey/surveyTopicOwnersStore';
import { SurveyYearAnalyses } from '../survey/surveyYearAnalysis';
import { surveyFollowUpRouter } from './surveyFollowUpRouter';
import { surveyReportsRouter } from './surveyReportsRouter';
import { surveyRouter } from './surveyRouter';
import { exitQuestionnaireReportRouter, exitQuestionnaireRouter } from './exitQuestionnaireRouter';
import { TeamWelcomeLinks } from '../auth/teamWelcomeLinks';
import { teamWelcomeLinkRouter, teamWelcomeMessagesRouter } from './teamWelcomeRouter';

export interface ApiDeps {
  readonly client: Client;
  readonly store: EventStore;
  readonly taskQueue: string;
  readonly logger: Logger;
  /** Contact details: personal data, shared with the worker that mails from it. */
  readonly directory: PeopleDirectory;
  /** The projections' read models (services/projections), for lists across hires. */
  readonly readModels: ReadModelDb;
  /** /readyz waits for it: up once the read models have caught up with the store (services/api/readModels.ts). */
  readonly readModelsReadiness?: ReadinessCheck;
  /** The process's metrics registry (shared with the relay when it runs in the same process); a fresh one if absent. */
  readonly metrics?: Metrics;
  /** API keys, OIDC providers and whether dev mode is on (services/auth). */
  readonly auth: Omit<AuthenticationOptions, 'logger'>;
  /**
   * The key that seals webhook secrets (the dispatcher's) and where webhooks may point (WEBHOOK_ALLOWED_HOSTS).
   * Absent: a key for this process only and no exceptions, for an API whose webhooks nobody delivers.
   */
  readonly webhooks?: { readonly secrets: WebhookSecretBox; readonly addressPolicy: WebhookAddressPolicy };
  /** TRUST_PROXY: which proxies in front may tell the client's address (X-Forwarded-For); unset: none. */
  readonly trustProxy?: number | string;
  /** The survey's invitations and answers (services/survey), shared with the worker that mails the links. */
  readonly survey: SurveyStorage;
  /** TEAM_NUDGE_*: the thresholds of an organisation that saved none of its own; absent, the built-in defaults. */
  readonly teamNudgeDefaults?: TeamNudgeThresholds;
}

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  const metrics = deps.metrics ?? new Metrics();
  app.use(requestLog(deps.logger));
  app.use(requestTrace());
  app.use(metrics.httpMiddleware());
  const contract = loadOpenApiDocument();
  // OPTIONS, TRACE and methods a path does not take, from the contract's path items, before anything else runs.
  app.use(methodGuard(ResourceMethods.fromContract(contract, DOCS_PATHS)));
  // /healthz, /readyz, /metrics: for the platform, before tenant and role handling.
  app.use(
    operationsRouter({
      checks: {
        temporal: temporalCheck(deps.client),
        eventStore: eventStoreCheck(deps.store),
        ...(deps.readModelsReadiness ? { readModels: deps.readModelsReadiness } : {}),
      },
      metrics,
    }),
  );
  // /docs: the contracts and their rendered references, for anyone.
  app.use(docsRouter());
  // The web app's files under /app/, public like a website, and what its sign-in page offers.
  app.use(webAppRouter({ devMode: deps.auth.devMode, workAccounts: deps.auth.oidc?.workAccounts() ?? [] }));
  const validator = new RequestValidator(contract);
  // A magic link is its own credential: redeemed before authentication asks for one.
  app.use(magicLinkRouter({ ...(deps.auth.magicLinks ? { magicLinks: deps.auth.magicLinks } : {}), validator }));
  // So is a personal survey link: the survey page answers without anyone signing in.
  const questionnaires = new QuestionnaireStore(deps.store);
  const survey = new SurveyService({ store: deps.survey, questionnaires, events: deps.store, logger: deps.logger });
  app.use(surveyRouter({ survey, client: deps.client, validator, logger: deps.logger }));
  app.use(exitQuestionnaireRouter({ store: deps.survey.exitQuestionnaire, validator }));
  // And the team's welcome link: colleagues write for the new hire without an account.
  const teamWelcomeLinks = deps.auth.magicLinks ? new TeamWelcomeLinks(deps.auth.magicLinks.signer) : undefined;
  app.use(
    teamWelcomeLinkRouter({
      ...(teamWelcomeLinks ? { links: teamWelcomeLinks } : {}),
      store: deps.store,
      messages: deps.directory,
      client: deps.client,
      validator,
      logger: deps.logger,
    }),
  );
  // Who is asking, before a body is parsed or a router runs: 401 without valid credentials, 403 for another organisation.
  app.use(authentication({ ...deps.auth, logger: deps.logger }));
  app.use(jsonBodies());
  const { client, store, directory, readModels } = deps;
  const guard = new OperationGuard(validator, authorization(readModels));
  const templates = new JourneyTemplateStore(store);
  app.use(sessionRouter({ guard }));
  app.use(listsRouter({ guard, readModels }));
  app.use(auditRouter({ guard, store }));
  const views = new StoredJourneyViews(store, templates);
  const rehires = new Rehires(store);
  app.use(
    hiresRouter({ guard, registration: new HireRegistration({ ...deps, templates, metrics }), client, views, rehires }),
  );
  app.use(journeyCommandsRouter({ guard, commands: new JourneyCommands({ client, store }), introductions: directory }));
  app.use(planChangesRouter({ guard, commands: new JourneyCommands({ client, store }), reasons: directory, store }));
  app.use(journeyTemplatesRouter({ guard, templates }));
  app.use(teamWelcomeMessagesRouter({ guard, messages: directory, store }));
  app.use(vacancyProfilesRouter({ guard, profiles: new VacancyProfileStore(store), templates }));
  app.use(hireVacancyProfileRouter({ guard, profiles: new VacancyProfileStore(store), store }));
  app.use(
    webhooksRouter({
      guard,
      store,
      ...(deps.webhooks ?? { secrets: WebhookSecretBox.ephemeral(), addressPolicy: new WebhookAddressPolicy() }),
    }),
  );
  app.use(
    analyticsRouter({
      guard,
      readModels,
      costSettings: new CostSettingsStore(store),
      nudgeThresholds: new TeamNudgeThresholdsStore(store, deps.teamNudgeDefaults ?? loadConfig({}).teamNudges),
      store,
      survey,
    }),
  );
  app.use(apiKeysRouter({ guard, apiKeys: deps.auth.apiKeys }));
  app.use(peopleRouter({ guard, mentorPool: new MentorPool(store), directory, survey: deps.survey }));
  app.use(surveyReportsRouter({ guard, survey, questionnaires }));
  const owners = new SurveyTopicOwnersStore(store);
  app.use(
    surveyFollowUpRouter({
      guard,
      owners,
      analyses: new SurveyYearAnalyses({ events: store, survey, questionnaires, owners }),
      directory,
    }),
  );
  app.use(exitQuestionnaireReportRouter({ guard, store: deps.survey.exitQuestionnaire }));
  app.use(routeNotFound);
  app.use(problemHandler(deps.logger));
  return app;
}
