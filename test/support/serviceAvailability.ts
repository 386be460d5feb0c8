/**
 * How test files learn what globalSetup found: each real service is either reachable (its address is in the
 * environment) or unavailable with a reason, which a skipped suite prints loudly.
 */
export type ServiceName = 'temporal' | 'kafka' | 'temporal-test-server' | 'schemathesis';

const ADDRESS_VARIABLE: Record<ServiceName, string> = {
  temporal: 'TEMPORAL_ADDRESS',
  kafka: 'KAFKA_BROKERS',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER_PATH',
  schemathesis: 'SCHEMATHESIS_PATH',
};

export function unavailableVariable(service: ServiceName): string {
  return `SOFT_LANDING_UNAVAILABLE_${service.toUpperCase().replace(/-/g, '_')}`;
}

export function serviceAddress(service: ServiceName): string {
  const address = process.env[ADDRESS_VARIABLE[service]];
  if (!address) throw new Error(`${service} is not available: ${process.env[unavailableVariable(service)] ?? 'unknown'}`);
  return address;
}

/** `describe` when every service is there; otherwise a skipped `describe` and a banner that says why. */
export function describeWithServices(services: readonly ServiceName[], name: string, body: () => void): void {
  const missing = services
    .map((service) => [service, process.env[unavailableVariable(service)]] as const)
    .filter(([, reason]) => reason !== undefined);
  const reason = missing.length === 0 ? undefined : missing.map(([service, why]) => `${service}: ${why}`).join('; ');
  describeUnless(reason, name, body);
}

/**
 * `describe` when there is no reason to skip; otherwise a banner and a skipped `describe` whose title carries the
 * reason, so the summary line (test/support/summaryReporter.js) repeats it even where Jest swallows the banner.
 */
export function describeUnless(skipReason: string | undefined, name: string, body: () => void): void {
  if (skipReason === undefined) {
    describe(name, body);
    return;
  }
  console.warn(`\n${'!'.repeat(78)}\nSKIPPED "${name}": ${skipReason}\n${'!'.repeat(78)}\n`);
  describe.skip(`${name} [SKIPPED: ${skipReason}]`, body);
}
