import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { type ApiKeys, openApiKeys } from './apiKeys';
import { openPostgresStore } from '../shared/postgres/pool';
import { FailedAuthentications, type FailureCounts, postgresFailureCounts } from './failedAuthentications';
import { openLinkRedemptions } from './linkRedemptions';
import { MagicLinks, magicLinkSigner } from './magicLinks';
import { OidcVerifier } from './oidcVerifier';

export interface OpenedAuth {
  readonly apiKeys: ApiKeys;
  readonly oidc: OidcVerifier;
  readonly magicLinks: MagicLinks;
  readonly devMode: boolean;
  readonly failedAuthentications: FailedAuthentications;
  close(): Promise<void>;
}

export async function openAuth(config: Pick<Config, 'auth' | 'databaseUrl'>, logger: Logger): Promise<OpenedAuth> {
  const keyStore = await openApiKeys(config, logger);
  // With DATABASE_URL the replicas count refused credentials together; else this process counts its own.
  const failureCounts = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl, logger, postgresFailureCounts)
    : { store: { kind: 'memory' } as FailureCounts, close: async () => undefined };
  const oidc = new OidcVerifier(config.auth.oidcProviders);
  // With DATABASE_URL every replica refuses a link another one already redeemed.
  const redemptions = await openLinkRedemptions(
    { apiKeysPath: config.auth.apiKeysPath, databaseUrl: config.databaseUrl },
    logger,
  );
  const magicLinks = new MagicLinks(magicLinkSigner(config.auth), redemptions.store);
  if (config.auth.devMode) {
    logger.warn(
      'DEV MODE (SOFT_LANDING_AUTH_MODE=dev): verzoeken zonder aanmelding worden toegelaten met de rol uit X-Role — nooit in productie',
    );
  }
  logger.info(
    {
      oidcProviders: config.auth.oidcProviders.map((provider) => provider.issuer),
      devMode: config.auth.devMode,
      apiKeyStore: keyStore.adapter,
    },
    'aanmelding ingesteld',
  );
  return {
    apiKeys: keyStore.apiKeys,
    oidc,
    magicLinks,
    devMode: config.auth.devMode,
    failedAuthentications: new FailedAuthentications(config.auth.failedAuthenticationLimits, failureCounts.store),
    close: async () => {
      await redemptions.close();
      await keyStore.close();
      await failureCounts.close();
    },
  };
}

/**
 * `npm start` on an empty key store: one administrator key for the bootstrap organisation, written once to
 * `<data>/admin-api-key` (readable by the owner only) so a newcomer can call the API at once; never logged.
 */
export async function issueBootstrapAdminKey(
  auth: Pick<OpenedAuth, 'apiKeys' | 'devMode'>,
  config: Pick<Config, 'auth' | 'dataDir'>,
  logger: Logger,
): Promise<void> {
  const file = join(config.dataDir, 'admin-api-key');
  if (auth.devMode || !(await auth.apiKeys.isEmpty())) return;
  const issued = await auth.apiKeys.issue({
    organisationId: config.auth.bootstrapOrganisation,
    roles: ['admin'],
    label: 'bootstrap administrator (npm start)',
    createdBy: 'npm-start',
  });
  writeFileSync(file, `${issued.token}\n`, { mode: 0o600 });
  // The mode above applies only to a new file; a file left from an earlier key store gets it too.
  chmodSync(file, 0o600);
  logger.warn(
    { file, organisationId: issued.organisationId, keyId: issued.keyId },
    'eerste API-sleutel (rol admin) aangemaakt; gebruik: Authorization: Bearer $(cat <file>)',
  );
}
