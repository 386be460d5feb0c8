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
    ['services/inbound', 'services/api/problem'],
    ['services/hris-connector', 'services/api/hiresRouter'],
    ['services/hris-connector/youforce', 'services/api/problem'],
    ['services/operations', 'services/api/createApp'],
    ['services/shared', 'services/event-store/eventStore'],
    ['services/shared/postgres', 'services/api/problem'],
    ['workflows', 'services/event-store/eventStore'],
  ])('%s may not import %s', (folder, target) => {
    expect(lintsImportOf(folder, target)).toBe(false);
  });

  test.each([
    ['services/embedded', 'services/api/createApp'],
    ['services/inbound', 'services/registration/hireRegistration'],
    ['services/hris-connector', 'services/registration/hireRegistration'],
    ['services/api', 'services/registration/hireRegistration'],
    ['services/shared', 'workflows/domain/calendar'],
  ])('%s may import %s', (folder, target) => {
    expect(lintsImportOf(folder, target)).toBe(true);
  });
});
