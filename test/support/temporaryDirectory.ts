import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A folder of its own under the system's temporary folder for every test of the describe block it is
 * called in, with everything in it removed afterwards. Tests that keep SQLite files, key files or logs
 * call this instead of pairing `mkdtempSync` with an `rmSync` of their own.
 *
 * Call it at the top of the `describe`, before the hooks that open files in it: Jest runs hooks in the
 * order they are declared, so the folder exists when those `beforeEach` hooks run. For the same reason
 * a test's folder is not removed in an `afterEach` of ours, which would run before the block's own
 * `afterEach` had closed the files in it, but when the next test begins and after the block's last test.
 */
export function temporaryDirectory(prefix: string): TemporaryDirectory {
  let current: string | undefined;
  const remove = () => {
    if (current) rmSync(current, { recursive: true, force: true });
    current = undefined;
  };
  beforeEach(() => {
    remove();
    current = mkdtempSync(join(tmpdir(), `soft-landing-${prefix}-`));
  });
  afterAll(remove);
  const path = (): string => {
    if (!current) throw new Error(`temporaryDirectory('${prefix}') was read outside a test of its describe block`);
    return current;
  };
  return { path, file: (...parts: string[]) => join(path(), ...parts) };
}

export interface TemporaryDirectory {
  /** The folder of the test that runs now. */
  path(): string;
  /** A path inside it, e.g. `file('events.sqlite')`. */
  file(...parts: string[]): string;
}
