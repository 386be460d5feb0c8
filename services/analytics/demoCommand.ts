/**
 * Fills the embedded system with two years of simulated cohorts for one organisation (see demoCohorts.ts):
 *   npm run demo [-- <organisation>]        (default organisation: demo)
 * Writes to the event store of SQLITE_PATH / ESDB_CONNECTION_STRING (services/shared/config.ts); the running
 * services' projections pick the events up like any other. Refuses an organisation that already has hires.
 */
import { isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../event-store/openEventStore';
import { organisationHasHires, writeDemoCohorts } from './demoCohorts';
import { runCommand } from '../shared/runCommand';

async function main(argv: readonly string[]): Promise<number> {
  const organisationId = argv[0] ?? 'demo';
  if (argv.length > 1 || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(organisationId)) {
    process.stderr.write('usage: npm run demo [-- <organisation id: lowercase letters, digits, dashes>]\n');
    return 2;
  }
  const config = loadConfig();
  const store = openEventStore(config, createLogger('demo', config.logLevel));
  try {
    if (await organisationHasHires(store, organisationId)) {
      process.stderr.write(
        `Organisatie "${organisationId}" heeft al nieuwe medewerkers; de demo schrijft alleen in een lege organisatie.\n`,
      );
      return 1;
    }
    const { hires, events } = await writeDemoCohorts(store, organisationId, isoDateOfEpochMs(Date.now()));
    process.stdout.write(
      `${hires} gesimuleerde nieuwe medewerkers (${events} events) in organisatie "${organisationId}". Meld je aan met die organisatie en open Behoud.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

runCommand(main);
