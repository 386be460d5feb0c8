import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import type { EventStore } from '../event-store/eventStore';
import type { Logger } from '../shared/logger';
import { HireRegistration } from './hireRegistration';
import { hiresRouter } from './hiresRouter';
import { loadOpenApiDocument } from './openapiDocument';
import { problemHandler, routeNotFound } from './problem';
import { RequestValidator } from './requestValidator';

export interface ApiDeps {
  readonly client: Client;
  readonly store: EventStore;
  readonly taskQueue: string;
  readonly logger: Logger;
}

const BODY_LIMIT = '64kb';

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Parse every body that claims to be JSON (e.g. application/merge-patch+json too); the validator refuses other types.
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(
    hiresRouter({
      validator: new RequestValidator(loadOpenApiDocument()),
      registration: new HireRegistration(deps),
      client: deps.client,
      store: deps.store,
    }),
  );
  app.use(routeNotFound);
  app.use(problemHandler(deps.logger));
  return app;
}
