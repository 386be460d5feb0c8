import { join } from 'node:path';
import { startSystem } from '../support/runningSystem';
import { TENANT_ISOLATION_SETTINGS, describeTenantIsolation, sqliteContactsOf } from '../support/tenantIsolationSuite';

/** Issue #6 on the embedded system: API, worker, relay and webhook dispatcher in this one process. */
describeTenantIsolation(
  'tenant isolation: no endpoint, list, history, export, webhook or Kafka message crosses organisations',
  ['temporal', 'kafka'],
  async () => {
    const system = await startSystem({
      kafka: TENANT_ISOLATION_SETTINGS.kafka,
      auth: TENANT_ISOLATION_SETTINGS.auth,
      webhookAllowedHosts: TENANT_ISOLATION_SETTINGS.webhookAllowedHosts,
      webhooks: TENANT_ISOLATION_SETTINGS.webhookDelivery,
    });
    const peopleDbPath = join(system.dataDir, 'people.sqlite');
    return { ...system, contactsOf: (organisationId: string) => sqliteContactsOf(peopleDbPath, organisationId) };
  },
);
