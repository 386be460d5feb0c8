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
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const reasons = missing.map(([service, reason]) => `  - ${service}: ${reason}`).join('\n');
  console.warn(`\n${'!'.repeat(78)}\nSKIPPED "${name}" — a real service is missing:\n${reasons}\n${'!'.repeat(78)}\n`);
  describe.skip(name, body);
}
