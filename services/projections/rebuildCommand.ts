/**
 * Rebuilds read models from zero: drops the projection's tables and checkpoint and replays the event store.
 *   npx tsx services/projections/rebuildCommand.ts [name|all]      (names: hires, open_tasks, mentor_load, retention)
 * Reads the event store of SQLITE_PATH / ESDB_CONNECTION_STRING and writes READ_MODEL_PATH (services/shared/config.ts).
 * Safe while the services run: a live projection runner notices its checkpoint moved and carries on from the rebuild's.
 */
import { EventSchemas } from '../event-store/eventSchemas';
import { ValidatingEventStore } from '../event-store/validatingEventStore';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../event-store/openEventStore';
import { ALL_PROJECTIONS, projectionsNamed } from './index';
import { openReadModels } from './projection';
import { rebuild } from './projectionRunner';
import { runCommand } from '../shared/runCommand';

async function main(argv: readonly string[]): Promise<number> {
  const name = argv[0] ?? 'all';
  const projections = projectionsNamed(name);
  if (!projections || argv.length > 1) {
    process.stderr.write(
      `usage: rebuildCommand [${[...ALL_PROJECTIONS.map((projection) => projection.name), 'all'].join('|')}]\n`,
    );
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger('projections-rebuild', config.logLevel);
  // Reads go through the validating store so that old event versions reach the folds upcast.
  const store = new ValidatingEventStore(openEventStore(config, logger), EventSchemas.fromDirectory());
  const db = openReadModels(config.readModelPath);
  try {
    const { events, seconds } = await rebuild(store, db, projections);
    const rate = seconds > 0 ? Math.round(events / seconds) : events;
    process.stdout.write(
      `${projections.map((projection) => projection.name).join(', ')}: ${events} events in ${seconds.toFixed(2)} s ` +
        `(${rate} events/s) → ${config.readModelPath}\n`,
    );
    return 0;
  } finally {
    db.close();
    await store.close();
  }
}

runCommand(main);
