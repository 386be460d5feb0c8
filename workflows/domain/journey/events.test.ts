import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNEY_EVENT_FIELDS, JOURNEY_EVENT_TYPES } from './events';

const contracts = join(__dirname, '..', '..', '..', 'contracts', 'events');
const schemaOf = (type: string): { required?: string[]; properties?: Record<string, unknown> } =>
  JSON.parse(readFileSync(join(contracts, `${type}.v1.json`), 'utf8'));

describe('the typed journey events against contracts/events', () => {
  it.each(JOURNEY_EVENT_TYPES)('%s has the schema’s fields, required where the schema requires them', (type) => {
    const schema = schemaOf(type);
    const { required, optional } = JOURNEY_EVENT_FIELDS[type];
    expect([...required].sort()).toEqual([...(schema.required ?? [])].sort());
    expect([...required, ...optional].sort()).toEqual(Object.keys(schema.properties ?? {}).sort());
  });

  it('has a contract for every type, and each type once', () => {
    const available = new Set(readdirSync(contracts));
    for (const type of JOURNEY_EVENT_TYPES) expect(available.has(`${type}.v1.json`)).toBe(true);
    expect(new Set(JOURNEY_EVENT_TYPES).size).toBe(JOURNEY_EVENT_TYPES.length);
  });

  it('covers every event the journey workflow records', () => {
    const workflows = join(__dirname, '..', '..');
    const recorded = new Set<string>();
    for (const file of readdirSync(workflows).filter((name) => name.endsWith('.ts'))) {
      for (const match of readFileSync(join(workflows, file), 'utf8').matchAll(/type: '([A-Z][A-Za-z]+)', data/g))
        recorded.add(match[1]!);
      for (const match of readFileSync(join(workflows, file), 'utf8').matchAll(
        /'([A-Z][A-Za-z]+)' : '([A-Z][A-Za-z]+)'/g,
      )) {
        recorded.add(match[1]!).add(match[2]!);
      }
    }
    expect(recorded.size).toBeGreaterThan(20);
    expect([...recorded].filter((type) => !JOURNEY_EVENT_TYPES.includes(type as never))).toEqual([]);
  });
});
