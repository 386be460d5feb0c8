import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApiKeyStore } from '../../services/auth/apiKeyStore';
import { createApp } from '../../services/api/createApp';
import { closeServer, listen } from '../../services/http/listen';
import { openReadModels } from '../../services/projections';
import type { Logger } from '../../services/shared/logger';
import { SurveyStore } from '../../services/survey/surveyStore';
import type { IsoDate } from '../../workflows/domain/calendar';
import type { JourneyWiring } from './journeyWiring';

/** The HTTP API over a bench's journey wiring, as an HR system calls it. */
export interface BenchApi {
  readonly url: string;
  /** The organisation and its API key, as every request of the HR system carries them. */
  readonly headers: Readonly<Record<string, string>>;
  /** POST /hires for `hireId`, as an HR system registers a hire; throws unless the API answers 201. */
  register(hireId: string, startDate: IsoDate): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API on a free port over the wiring's store, worker task queue and directory, behind a real API key of the
 * role hr-system: authentication and authorization are part of what a bench measures. Lists are not benchmarked:
 * its read models are empty ones in memory, and so is its survey store.
 */
export async function listenBenchApi(wiring: JourneyWiring, logger: Logger, organisationId: string): Promise<BenchApi> {
  const { dir, store, deps, client, taskQueue } = wiring;
  const apiKeys = new ApiKeyStore(join(dir, 'api-keys.sqlite'));
  const { token } = apiKeys.issue({ organisationId, roles: ['hr-system'], label: 'bench', createdBy: 'bench' });
  const server = await listen(
    createApp({
      client,
      store,
      taskQueue,
      logger,
      directory: deps.directory,
      readModels: openReadModels(':memory:'),
      auth: { apiKeys, devMode: false },
      survey: SurveyStore.inMemory(),
    }),
    0,
  );
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers = { 'x-organisation-id': organisationId, authorization: `Bearer ${token}` };
  return {
    url,
    headers,
    register: async (hireId, startDate) => {
      const response = await fetch(`${url}/hires`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': hireId },
        body: JSON.stringify({ hireId, startDate, role: 'Jeugdzorgwerker' }),
      });
      if (response.status !== 201) throw new Error(`POST /hires answered ${response.status}: ${await response.text()}`);
    },
    close: () => closeServer(server),
  };
}
