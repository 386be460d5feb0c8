import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import type { StoreAnswer } from '../shared/storeAnswer';
import { openPostgresStore } from '../shared/postgres/pool';
import { ApiKeyStore, type ApiKeyInfo, type IssueApiKeyRequest, type IssuedApiKey } from './apiKeyStore';
import type { Principal } from './principal';
import { PostgresApiKeyStore } from './postgresApiKeyStore';

/**
 * The API key store as its callers see it, whichever adapter holds the keys: the embedded SQLite file answers at
 * once, PostgreSQL (shared by every API replica) with promises; callers await either. One contract suite
 * (test/contracts/apiKeyStore.test.ts) holds both adapters to the same behaviour.
 */
export interface ApiKeys {
  issue(request: IssueApiKeyRequest): StoreAnswer<IssuedApiKey>;
  authenticate(token: string): StoreAnswer<Principal | undefined>;
  list(organisationId: string): StoreAnswer<ApiKeyInfo[]>;
  revoke(organisationId: string, keyId: string, revokedBy?: string): StoreAnswer<boolean>;
  isEmpty(): StoreAnswer<boolean>;
}

export interface OpenedApiKeys {
  readonly apiKeys: ApiKeys;
  /** Which adapter DATABASE_URL chose, for the start-up log. */
  readonly adapter: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** DATABASE_URL set: the keys live in PostgreSQL (migrated on open); otherwise in the SQLite file API_KEYS_DB_PATH. */
export async function openApiKeys(
  config: Pick<Config, 'auth' | 'databaseUrl'>,
  logger?: Logger,
): Promise<OpenedApiKeys> {
  if (config.databaseUrl === undefined) {
    const store = new ApiKeyStore(config.auth.apiKeysPath);
    return { apiKeys: store, adapter: 'sqlite', close: async () => store.close() };
  }
  const { store, close } = await openPostgresStore(config.databaseUrl, logger, PostgresApiKeyStore.open);
  return { apiKeys: store, adapter: 'postgres', close };
}
