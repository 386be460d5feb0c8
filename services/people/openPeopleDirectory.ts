import { existsSync } from 'node:fs';
import { readOrCreateRandomKey } from '../shared/keyFile';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { openPostgresStore } from '../shared/postgres/pool';
import type { PeopleDirectory } from './peopleDirectory';
import { PostgresPeopleDirectory } from './postgresPeopleDirectory';
import { KEY_BYTES } from './sealedFields';
import { SqlitePeopleDirectory } from './sqlitePeopleDirectory';

export interface OpenedPeopleDirectory {
  readonly directory: PeopleDirectory;
  /** Which adapter DATABASE_URL chose, for the start-up log. */
  readonly adapter: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/**
 * The people directory as every process opens it (API, worker, inbound consumer, HRIS connector): with DATABASE_URL
 * in PostgreSQL (migrated on open), shared by every replica, its personal fields sealed under per-person keys that
 * VAULT_KEK_PATH's key wraps, so every process must be given the same VAULT_KEK_PATH; otherwise in the SQLite file
 * PEOPLE_DB_PATH, the embedded default.
 */
export async function openPeopleDirectory(
  config: Pick<Config, 'peopleDbPath' | 'databaseUrl'> & { readonly vaultKekPath?: string },
  logger?: Logger,
): Promise<OpenedPeopleDirectory> {
  if (config.databaseUrl === undefined) {
    const directory = new SqlitePeopleDirectory(config.peopleDbPath);
    return { directory, adapter: 'sqlite', close: async () => directory.close() };
  }
  if (config.vaultKekPath === undefined)
    throw new Error('Het personenbestand in PostgreSQL (DATABASE_URL) heeft VAULT_KEK_PATH nodig');
  const kek = keyEncryptionKey(config.vaultKekPath, logger);
  const earlier = config.peopleDbPath;
  const { store, close } = await openPostgresStore(config.databaseUrl, logger, (pool) =>
    // A deployment moving to DATABASE_URL brings its SQLite file's people along on the first start.
    PostgresPeopleDirectory.open(pool, kek, async () => {
      if (!existsSync(earlier)) return undefined;
      const file = new SqlitePeopleDirectory(earlier);
      try {
        const contents = file.contents();
        logger?.info(
          { path: earlier, contacts: contents.contacts.length, erasures: contents.erasures.length },
          'personenbestand: de inhoud van PEOPLE_DB_PATH wordt naar PostgreSQL overgenomen',
        );
        return contents;
      } finally {
        file.close();
      }
    }),
  );
  return { directory: store, adapter: 'postgres', close };
}

/** The vault's key-encryption key (services/privacy/personalDataVault.ts keeps it the same way), made on first use. */
function keyEncryptionKey(path: string, logger?: Logger): Buffer {
  const { key: kek, created } = readOrCreateRandomKey(path, KEY_BYTES);
  if (created)
    logger?.warn(
      { kekPath: path },
      'nieuwe sleutel voor persoonsgegevens (VAULT_KEK_PATH) aangemaakt: bewaar hem buiten elke back-up van de database; zonder hem is het personenbestand onleesbaar',
    );
  if (kek.length !== KEY_BYTES)
    throw new Error(`VAULT_KEK_PATH (${path}) bevat geen sleutel van ${KEY_BYTES} bytes (base64)`);
  return kek;
}
