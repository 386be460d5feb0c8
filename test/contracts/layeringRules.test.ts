import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * The import rules of biome.jsonc that keep the layering, tried on a probe file in the folder each rule is about:
 * a rule that stopped matching (a renamed folder, a pattern that no longer resolves) fails here, not in review.
 */
const root = join(__dirname, '..', '..');

function lintsImportOf(fromFolder: string, target: string): boolean {
  const probe = join(root, fromFolder, `layeringProbe${randomUUID().replaceAll('-', '')}.ts`);
  let spec = relative(dirname(probe), join(root, target)).replaceAll('\\', '/');
  if (!spec.startsWith('.')) spec = `./${spec}`;
  writeFileSync(probe, `import { probe } from '${spec}';\n\nexport const used = probe;\n`);
  try {
    execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['lint', '--error-on-warnings', probe], {
      cwd: root,
      stdio: 'pipe',
    });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { force: true });
  }
}

describe('the layering rules', () => {
  test.each([
    ['services/inbound', 'services/api/problem', false],
    ['services/hris-connector', 'services/api/hiresRouter', false],
    ['services/hris-connector/youforce', 'services/api/problem', false],
    ['services/operations', 'services/api/createApp', false],
    ['services/shared', 'services/event-store/eventStore', false],
    ['services/shared/postgres', 'services/api/problem', false],
    ['workflows', 'services/event-store/eventStore', false],
    ['services/embedded', 'services/api/createApp', true],
    ['services/inbound', 'services/registration/hireRegistration', true],
    ['services/hris-connector', 'services/registration/hireRegistration', true],
    ['services/api', 'services/registration/hireRegistration', true],
    ['services/shared', 'workflows/domain/calendar', true],
  ])('%s importing %s: allowed %s', (folder, target, allowed) => {
    expect(lintsImportOf(folder, target)).toBe(allowed);
  });
});
