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
import { auditRouter } from './auditRouter';
import { HireRegistration } from './hireRegistration';
import { hiresRouter } from './hiresRouter';
import { JourneyCommands } from './journeyCommands';
import { journeyCommandsRouter } from './journeyCommandsRouter';
import { journeyTemplatesRouter } from './journeyTemplatesRouter';
import { listsRouter } from './listsRouter';
import { operationsRouter } from './operationsRouter';
import { peopleRouter } from './peopleRouter';
import { loadOpenApiDocument } from './openapiDocument';
import { problemHandler, routeNotFound } from './problem';
import { RequestValidator } from './requestValidator';
import { vacancyProfilesRouter } from './vacancyProfilesRouter';
import { webhooksRouter } from './webhooksRouter';
import { readOnlyRoles } from './roles';

export interface ApiDeps {
  readonly client: Client;
  readonly store: EventStore;
  readonly taskQueue: string;
  readonly logger: Logger;
  /** Contact details: personal data, shared with the worker that mails from it. */
  readonly directory: PeopleDirectory;
  /** The projections' read models (services/projections), for lists across hires. */
  readonly readModels: ReadModelDb;
  /** The process's metrics registry (shared with the relay when it runs in the same process); a fresh one if absent. */
  readonly metrics?: Metrics;
}

const BODY_LIMIT = '64kb';

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const metrics = deps.metrics ?? new Metrics();
  app.use(metrics.httpMiddleware());
  // /healthz, /readyz, /metrics: for the platform, before tenant and role handling.
  app.use(operationsRouter({ client: deps.client, store: deps.store, metrics }));
  // X-Role (provisional): read-only roles are refused any change before a body is parsed or a router runs.
  app.use(readOnlyRoles);
  // Parse every body that claims to be JSON (e.g. application/merge-patch+json too); the validator refuses other types.
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  const validator = new RequestValidator(loadOpenApiDocument());
  const { client, store, directory, readModels } = deps;
  const templates = new JourneyTemplateStore(store);
  app.use(listsRouter({ validator, readModels }));
  app.use(auditRouter({ validator, store }));
  app.use(hiresRouter({ validator, registration: new HireRegistration({ ...deps, templates, metrics }), client }));
  app.use(journeyCommandsRouter({ validator, commands: new JourneyCommands({ client, store }) }));
  app.use(journeyTemplatesRouter({ validator, templates, store }));
  app.use(vacancyProfilesRouter({ validator, profiles: new VacancyProfileStore(store), templates }));
  app.use(webhooksRouter({ validator, store }));
  app.use(peopleRouter({ validator, mentorPool: new MentorPool(store), directory }));
  app.use(routeNotFound);
  app.use(problemHandler(deps.logger));
  return app;
}
