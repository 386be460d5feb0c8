import { randomBytes, randomUUID } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * A key kept in its own file, readable by its owner only: read it, or on first use write what `create` makes.
 * The key is written whole to a file of this process's own and then linked under `path`: a link fails when the
 * name exists, so two processes starting together on one data folder (API replicas, workers) end up with the one
 * key that won, and neither ever reads a file the other has created but not yet written (an empty key).
 * `created` lets the caller say so in the log, which matters for a key whose loss loses data.
 */
export function readOrCreateKeyFile(
  path: string,
  create: () => string,
): { readonly text: string; readonly created: boolean } {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) return { text: readFileSync(path, 'utf8'), created: false };
  const own = `${path}.${process.pid}-${randomUUID()}.new`;
  writeFileSync(own, create(), { flag: 'wx', mode: 0o600 });
  let created = false;
  try {
    linkSync(own, path);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(own);
  }
  return { text: readFileSync(path, 'utf8'), created };
}

/**
 * A random key of `bytes` bytes, kept in base64 in its own file (readOrCreateKeyFile): its bytes as read, and
 * whether it was made now. Checking the length is the caller's, whose message names what the key is for.
 */
export function readOrCreateRandomKey(path: string, bytes = 32): { readonly key: Buffer; readonly created: boolean } {
  const { text, created } = readOrCreateKeyFile(path, () => `${randomBytes(bytes).toString('base64')}\n`);
  return { key: Buffer.from(text.trim(), 'base64'), created };
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
