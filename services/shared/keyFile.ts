import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A key kept in its own file, readable by its owner only: read it, or on first use write what `create` makes.
 * `wx` makes creation race-free, so two processes starting together end up with the one key that won.
 * `created` lets the caller say so in the log, which matters for a key whose loss loses data.
 */
export function readOrCreateKeyFile(
  path: string,
  create: () => string,
): { readonly text: string; readonly created: boolean } {
  mkdirSync(dirname(path), { recursive: true });
  let created = false;
  try {
    writeFileSync(path, create(), { flag: 'wx', mode: 0o600 });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { text: readFileSync(path, 'utf8'), created };
}

/**
 * A file that holds keys or what protects them (a SQLite file: make it before SQLite opens it, which gives its
 * journal and write-ahead log the main file's mode): owner read/write only, whatever the umask or an older
 * version made of it.
 */
export function ownerOnlyFile(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  return path;
}
