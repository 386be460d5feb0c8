import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ByteScan {
  readonly files: number;
  /** Relative to the folder scanned. */
  readonly paths: readonly string[];
  readonly bytes: number;
  /** One entry per file, text and encoding found; empty when nothing was. */
  readonly found: readonly { file: string; text: string; encoding: string; occurrences: number }[];
  readonly occurrences: number;
}

const ENCODINGS = ['utf8', 'utf16le'] as const;

/**
 * Every byte of every file under `directory` (in any subfolder, whatever the file is), searched for each text as
 * UTF-8 and as UTF-16 (little- and big-endian): what `strings` or a hex editor on the disk would find.
 */
export function scanFiles(directory: string, texts: readonly string[]): ByteScan {
  const paths = readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  let bytes = 0;
  const found: ByteScan['found'][number][] = [];
  const scanned: string[] = [];
  for (const path of paths) {
    const content = readIfStillThere(path);
    // A running system's SQLite deletes its rollback journal (`-journal`) when a transaction commits: a file gone
    // between listing and reading holds nothing any more, and what it held is in the database file scanned too.
    if (!content) continue;
    scanned.push(path);
    bytes += content.length;
    for (const hit of scanBytes(content, texts)) found.push({ file: relative(directory, path), ...hit });
  }
  return {
    files: scanned.length,
    paths: scanned.map((path) => relative(directory, path)),
    bytes,
    found,
    occurrences: found.reduce((sum, hit) => sum + hit.occurrences, 0),
  };
}

function readIfStillThere(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function scanBytes(
  content: Uint8Array,
  texts: readonly string[],
): { text: string; encoding: string; occurrences: number }[] {
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const hits: { text: string; encoding: string; occurrences: number }[] = [];
  for (const text of texts) {
    const needles = [
      ...ENCODINGS.map((encoding) => [encoding, Buffer.from(text, encoding)] as const),
      ['utf16be', Buffer.from(text, 'utf16le').swap16()] as const,
    ];
    for (const [encoding, needle] of needles) {
      const occurrences = countOf(buffer, needle);
      if (occurrences > 0) hits.push({ text, encoding, occurrences });
    }
  }
  return hits;
}

function countOf(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count += 1;
  return count;
}
