import type { AddressInfo } from 'node:net';
import { createApp } from '../../services/api/createApp';
import { type OpenedAuth, openAuth } from '../../services/auth/openAuth';
import { closeServer, listen } from '../../services/http/listen';
import type { Config } from '../../services/shared/config';
import type { Logger } from '../../services/shared/logger';
import { openSurveyStore } from '../../services/survey/openSurveyStore';
import type { RunningSystem } from './runningSystem';

export interface ApiReplica {
  readonly baseUrl: string;
  readonly auth: OpenedAuth;
  /** Stops serving, then closes its API keys and survey store. */
  stop(): Promise<void>;
}

/**
 * One more API replica beside `system` (its Temporal client, event store, directory and read models), with the API
 * keys and survey store `config` opens as services/api/main.ts opens them: with a DATABASE_URL they are shared
 * with the other replicas. `starting` runs what main.ts does with the keys before it serves (the bootstrap key).
 */
export async function startApiReplica(
  system: RunningSystem,
  config: Config,
  options: { taskQueue: string; logger: Logger; starting?: (auth: OpenedAuth) => Promise<void> },
): Promise<ApiReplica> {
  const auth = await openAuth(config, options.logger);
  await options.starting?.(auth);
  const survey = await openSurveyStore(config, options.logger);
  const server = await listen(
    createApp({
      client: system.client,
      store: system.store,
      taskQueue: options.taskQueue,
      logger: options.logger,
      directory: system.directory,
      readModels: system.readModels,
      auth,
      survey: survey.store,
    }),
    0,
  );
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    auth,
    stop: async () => {
      await closeServer(server);
      await auth.close();
      await survey.close();
    },
  };
}
