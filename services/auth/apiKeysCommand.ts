/**
 * Issues, lists and revokes API keys of machine clients (HRIS connectors, integrations):
 *   npm run api-keys -- issue  --organisation <id> --role <role>[,<role>…] --label <text> [--person-ref <ref>]
 *   npm run api-keys -- list   --organisation <id>
 *   npm run api-keys -- revoke --organisation <id> --key <key id>
 * Works on the store the services use: PostgreSQL with DATABASE_URL, else API_KEYS_DB_PATH (services/shared/config.ts). `issue` prints the key once, on stdout: only its hash is kept.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../shared/config';
import { type ApiKeys, openApiKeys } from './apiKeys';
import { ROLES, type Role, isRole } from './roles';

const USAGE = `usage:
  api-keys issue  --organisation <id> --role <role>[,<role>…] --label <text> [--person-ref <ref>]
  api-keys list   --organisation <id>
  api-keys revoke --organisation <id> --key <key id>
roles: ${ROLES.join(', ')}
`;

class UsageError extends Error {}

export async function runApiKeysCommand(
  argv: readonly string[],
  store: ApiKeys,
  out: (line: string) => void,
): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      organisation: { type: 'string' },
      role: { type: 'string' },
      label: { type: 'string' },
      'person-ref': { type: 'string' },
      key: { type: 'string' },
    },
  });
  const [action, ...rest] = positionals;
  const organisationId = values.organisation;
  if (rest.length > 0 || !organisationId) throw new UsageError('give one action and --organisation');
  switch (action) {
    case 'issue': {
      const roles = (values.role ?? '')
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean);
      const unknown = roles.filter((role) => !isRole(role));
      if (roles.length === 0 || unknown.length > 0)
        throw new UsageError(
          `--role must name known roles${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
        );
      if (!values.label) throw new UsageError('--label says whose key this is, e.g. "YouForce-koppeling"');
      const issued = await store.issue({
        organisationId,
        roles: roles as Role[],
        label: values.label,
        ...(values['person-ref'] ? { personRef: values['person-ref'] } : {}),
        createdBy: `cli:${process.env.USER ?? 'unknown'}`,
      });
      out(issued.token);
      process.stderr.write(
        `key ${issued.keyId} for ${organisationId} (${roles.join(', ')}): shown once, store it now\n`,
      );
      return;
    }
    case 'list':
      for (const key of await store.list(organisationId)) {
        out(
          [
            key.keyId,
            key.roles.join(','),
            key.personRef ?? '-',
            key.createdAt,
            key.revokedAt ? `revoked ${key.revokedAt}` : 'active',
            key.label,
          ].join('\t'),
        );
      }
      return;
    case 'revoke':
      if (!values.key) throw new UsageError('--key names the key to revoke');
      if (!(await store.revoke(organisationId, values.key, `cli:${process.env.USER ?? 'unknown'}`)))
        throw new Error(`no key ${values.key} in organisation ${organisationId}`);
      out(`revoked ${values.key}`);
      return;
    default:
      throw new UsageError(`unknown action ${String(action)}`);
  }
}

async function main(): Promise<void> {
  const opened = await openApiKeys(loadConfig());
  try {
    await runApiKeysCommand(process.argv.slice(2), opened.apiKeys, (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\n${error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? USAGE : ''}`,
    );
    process.exitCode = 2;
  } finally {
    await opened.close();
  }
}

if (require.main === module) void main();
