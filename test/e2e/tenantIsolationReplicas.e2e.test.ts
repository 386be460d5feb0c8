import { type ReplicaSystem, startReplicaSystem } from '../support/replicaSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { TENANT_ISOLATION_SETTINGS, describeTenantIsolation } from '../support/tenantIsolationSuite';

/**
 * Issue #17 item 3: the whole tenant-isolation suite (issue #6) through two API processes and two workers on one
 * data folder and one PostgreSQL, behind a proxy that alternates between the APIs, with the relay and the webhook
 * dispatcher as processes of their own. Each request of the suite lands on either API, so an organisation's scope
 * must hold whichever API answers, and whatever the other one wrote.
 */
const SERVICES = ['temporal', 'kafka', 'postgres'] as const;
let system: ReplicaSystem | undefined;

describeTenantIsolation(
  'tenant isolation through two APIs and two workers behind a round robin, relay and webhook dispatcher apart',
  SERVICES,
  async () => {
    system = await startReplicaSystem({
      kafka: TENANT_ISOLATION_SETTINGS.kafka,
      webhooks: TENANT_ISOLATION_SETTINGS.webhookDelivery,
      webhookAllowedHosts: TENANT_ISOLATION_SETTINGS.webhookAllowedHosts,
    });
    return system;
  },
  240_000,
);

/** Lines the API and worker processes logged at error level or worse (pino: 50 error, 60 fatal). */
function apiAndWorkerErrorsIn(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(50|60)/.test(line) && /"service":"(api|worker)"/.test(line));
}

// Runs after the suite above, whose afterAll has stopped the processes; what they did is still there to read.
describeWithServices(SERVICES, 'tenant isolation through replicas: what the replicas did meanwhile', () => {
  it("sent the suite's requests to both APIs, and no API or worker logged an error", () => {
    expect(system).toBeDefined();
    const counts = system!.requestsPerApi;
    expect(counts).toHaveLength(2);
    const total = counts.reduce((sum, count) => sum + count, 0);
    // Alternating: the suite's hundreds of requests are split about evenly, so each API answered a good part.
    expect(total).toBeGreaterThan(200);
    expect(counts.every((count) => count >= total / 3)).toBe(true);
    expect(apiAndWorkerErrorsIn(system!.output())).toEqual([]);
  });
});
