/**
 * How test files learn what globalSetup found: each real service is either reachable (its address is in the
 * environment) or unavailable with a reason, which a skipped suite prints loudly.
 */
export type ServiceName = 'temporal' | 'kafka' | 'temporal-test-server' | 'schemathesis' | 'helm' | 'postgres';

const ADDRESS_VARIABLE: Record<ServiceName, string> = {
  temporal: 'TEMPORAL_ADDRESS',
  kafka: 'KAFKA_BROKERS',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER_PATH',
  schemathesis: 'SCHEMATHESIS_PATH',
  helm: 'HELM_PATH',
  // Not DATABASE_URL: that one switches the services' own stores to PostgreSQL, which a test chooses itself.
  postgres: 'TEST_DATABASE_URL',
};

export function unavailableVariable(service: ServiceName): string {
  return `SOFT_LANDING_UNAVAILABLE_${service.toUpperCase().replace(/-/g, '_')}`;
}

export function serviceAddress(service: ServiceName): string {
  const address = process.env[ADDRESS_VARIABLE[service]];
  if (!address)
    throw new Error(`${service} is not available: ${process.env[unavailableVariable(service)] ?? 'unknown'}`);
  return address;
}

/**
 * Services whose tests may be skipped when they cannot be had. A missing service fails the run unless the person
 * running the tests says so: `SOFT_LANDING_ALLOW_SKIP=kafka,schemathesis` (or `all`). The default allows only
 * `esdb`, since an EventStoreDB/KurrentDB server needs Docker or an address that most machines here lack; set
 * `SOFT_LANDING_ALLOW_SKIP=` (empty) to require it too. Every skip is listed on the summary line.
 */
export function skipAllowed(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const allowed = (env.SOFT_LANDING_ALLOW_SKIP ?? 'esdb').split(',').map((name) => name.trim());
  return allowed.includes('all') || allowed.includes(service);
}

/** `describe` when every service is there; otherwise a skipped `describe` and a banner that says why. */
export function describeWithServices(services: readonly ServiceName[], name: string, body: () => void): void {
  const missing = services
    .map((service) => [service, process.env[unavailableVariable(service)]] as const)
    .filter(([, reason]) => reason !== undefined);
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  // globalSetup already failed the run for a service that may not be skipped; this names the first one left.
  describeUnless(missing[0]![0], missing.map(([service, why]) => `${service}: ${why}`).join('; '), name, body);
}

/**
 * `describe` when there is no reason to skip. Otherwise a skipped `describe` whose title carries the reason, so the
 * summary line (test/support/summaryReporter.js) repeats it even where Jest swallows the banner — or, when
 * `service` may not be skipped (skipAllowed), a suite that fails with that reason.
 */
export function describeUnless(service: string, skipReason: string | undefined, name: string, body: () => void): void {
  if (skipReason === undefined) {
    describe(name, body);
    return;
  }
  if (!skipAllowed(service)) {
    describe(name, () => {
      it(`needs ${service}`, () => {
        throw new Error(
          `${service} is required but unavailable: ${skipReason} (SOFT_LANDING_ALLOW_SKIP=${service} allows the skip)`,
        );
      });
    });
    return;
  }
  console.warn(`\n${'!'.repeat(78)}\nSKIPPED "${name}": ${skipReason}\n${'!'.repeat(78)}\n`);
  describe.skip(`${name} [SKIPPED: ${skipReason}]`, body);
}
