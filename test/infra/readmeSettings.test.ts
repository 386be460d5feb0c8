import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { variablesReadByConfig as readConfigVariables } from './repositoryFacts';

const repo = join(__dirname, '../..');

/** Every variable the one config loader reads, sorted, as the settings table should list them. */
function variablesReadByConfig(): string[] {
  return [...readConfigVariables()].sort();
}

describe('the README settings', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const tableRows = readme.split('\n').filter((line) => line.startsWith('|'));

  it('finds the variables config.ts reads', () => {
    expect(variablesReadByConfig()).toEqual(
      expect.arrayContaining([
        'PORT',
        'DATA_DIR',
        'READ_MODEL_PATH',
        'TEMPORAL_ADDRESS',
        'TEMPORAL_API_KEY',
        'KAFKA_BROKERS',
        'KAFKA_SASL_PASSWORD_FILE',
      ]),
    );
  });

  it.each(variablesReadByConfig())('name %s in a settings table', (name) => {
    expect(tableRows.some((row) => row.includes(`\`${name}\``))).toBe(true);
  });
});
