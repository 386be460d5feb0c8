import { createLogger } from '../../services/shared/logger';
import { installTemporalRuntime } from '../../services/shared/temporalRuntime';
import type { ServiceName } from './serviceAvailability';
import { type Stop, Unavailable, markUnavailable, provide } from './provideServices';

const SERVICES: readonly ServiceName[] = ['temporal', 'temporal-test-server', 'kafka', 'schemathesis'];

/**
 * Finds or starts every real service once for the whole run. SOFT_LANDING_REQUIRE (e.g. "temporal,temporal-test-server,kafka,schemathesis", as
 * .ci/run sets it) turns a missing service into a failure instead of a loud skip.
 */
export default async function globalSetup(): Promise<void> {
  const required = new Set((process.env.SOFT_LANDING_REQUIRE ?? '').split(',').filter(Boolean));
  installTemporalRuntime(createLogger('test-services', 'warn'));
  const stops: Stop[] = [];
  (globalThis as { __softLandingStops?: Stop[] }).__softLandingStops = stops;
  for (const service of SERVICES) {
    try {
      const provided = await provide(service);
      if (provided.stop) stops.push(provided.stop);
      console.log(`[test services] ${service}: ${provided.description}`);
    } catch (error) {
      if (!(error instanceof Unavailable) || required.has(service)) throw error;
      markUnavailable(service, error.message);
      console.warn(`[test services] ${service}: UNAVAILABLE — ${error.message}`);
    }
  }
}
