/**
 * Exports the hire streams as stored, with the signed head log and the public key, for an inspectorate:
 *   npm run chain-export -- [--organisation <id>] [--out <file>]
 * Without --organisation: every hire stream and the whole head log. Reads SQLITE_PATH / ESDB_CONNECTION_STRING,
 * CHAIN_HEAD_LOG_PATH and CHAIN_SIGNING_KEY_PATH (services/shared/config.ts). Check the file with
 * `npm run verify-export -- <file>`; keep it where the store's writers cannot reach it: that copy is the anchor.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { storedEventsOf } from '../audit/storedEvents';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/logger';
import { openChainHeadLog, openEventStore } from './openEventStore';
import { exportChains } from './chainExport';
import { ChainSigningKey } from './chainSigningKey';

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { organisation: { type: 'string' }, out: { type: 'string' } },
  });
  const config = loadConfig();
  const logger = createLogger('chain-export', config.logLevel);
  // One head log: the export reads the heads the store anchors its chains in (and closes it with the store).
  const heads = openChainHeadLog(config, logger);
  const store = openEventStore(config, logger, heads);
  try {
    const key = ChainSigningKey.fromKeyFile(config.chain.signingKeyPath);
    const text = await exportChains(
      { store: storedEventsOf(store), heads, key },
      values.organisation ? { organisationId: values.organisation } : {},
    );
    if (values.out) writeFileSync(values.out, text);
    else process.stdout.write(text);
    process.stderr.write(`chain export signed with key ${key.keyId}${values.out ? ` → ${values.out}` : ''}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
