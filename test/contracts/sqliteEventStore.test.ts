import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { eventStoreContract } from './eventStoreContract';

eventStoreContract('SQLite file', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'soft-landing-contract-'));
  const path = join(directory, 'events.sqlite');
  return {
    open: async () => new SqliteEventStore(path),
    dispose: async () => rmSync(directory, { recursive: true, force: true }),
  };
});
