/**
 * Checks a chain export offline, with nothing but a public key (no store, no network, no signing key):
 *   npm run verify-export -- <export file> [--public-key <PEM file>] [--since <earlier export file>]
 * Without --public-key the key inside the export is used, and its fingerprint printed: compare it with the one the
 * organisation published, or the check proves only that the file agrees with itself. Exit 0: it holds; 1: it
 * does not (every problem on stderr); 2: wrong usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyChainExport } from './chainExport';
import { publicKeyFromPem } from './chainSigningKey';

const USAGE = 'usage: verify-export <export file> [--public-key <PEM file>] [--since <earlier export file>]\n';

export async function runVerifyExport(
  argv: readonly string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { 'public-key': { type: 'string' }, since: { type: 'string' } },
  });
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) {
    err(USAGE);
    return 2;
  }
  const text = readFileSync(file, 'utf8');
  const pinned = values['public-key'] !== undefined;
  const pem = pinned ? readFileSync(values['public-key']!, 'utf8') : embeddedPublicKey(text);
  if (!pem) {
    err('the export holds no public key; give one with --public-key\n');
    return 1;
  }
  const since = values.since === undefined ? {} : { since: readFileSync(values.since, 'utf8') };
  const verdict = await verifyChainExport(text, publicKeyFromPem(pem), since);
  const key = `key ${verdict.keyId}${pinned ? '' : ' (taken from the export itself: compare this fingerprint with the published one)'}`;
  if (!verdict.ok) {
    for (const problem of verdict.problems) err(`${problem}\n`);
    err(`NOT VERIFIED: ${verdict.problems.length} problem(s); ${key}\n`);
    return 1;
  }
  const unsigned =
    verdict.unsignedStreams.length > 0
      ? `; ${verdict.unsignedStreams.length} stream(s) from before signed heads, checked by their links only`
      : '';
  const after =
    verdict.eventsAfterHeads > 0
      ? `; ${verdict.eventsAfterHeads} event(s) after their stream's newest signed head`
      : '';
  out(`verified: ${verdict.streams} stream(s), ${verdict.events} event(s); ${key}${unsigned}${after}\n`);
  return 0;
}

function embeddedPublicKey(text: string): string | undefined {
  try {
    const { publicKey } = JSON.parse(text) as { publicKey?: unknown };
    return typeof publicKey === 'string' ? publicKey : undefined;
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  runVerifyExport(
    process.argv.slice(2),
    (line) => process.stdout.write(line),
    (line) => process.stderr.write(line),
  ).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
