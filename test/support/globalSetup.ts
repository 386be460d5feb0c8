import { createLogger } from '../../services/shared/logger';
import { installTemporalRuntime } from '../../services/shared/temporalRuntime';
import { type ServiceName, skipAllowed } from './serviceAvailability';
import { type Stop, Unavailable, markUnavailable, provide } from './provideServices';

const SERVICES: readonly ServiceName[] = [
  'temporal',
  'temporal-test-server',
  'kafka',
  'schemathesis',
  'helm',
  'postgres',
];

/**
 * Finds or starts every real service once for the whole run. A service that cannot be had fails the run, unless
 * SOFT_LANDING_ALLOW_SKIP names it (skipAllowed): then its tests are skipped, loudly and listed.
 */
export default async function globalSetup(): Promise<void> {
  installTemporalRuntime(createLogger('test-services', 'warn'));
  const stops: Stop[] = [];
  (globalThis as { __softLandingStops?: Stop[] }).__softLandingStops = stops;
  for (const service of SERVICES) {
    try {
      const provided = await provide(service);
      if (provided.stop) stops.push(provided.stop);
      console.log(`[test services] ${service}: ${provided.description}`);
    } catch (error) {
      if (!(error instanceof Unavailable) || !skipAllowed(service)) throw error;
      markUnavailable(service, error.message);
      console.warn(`[test services] ${service}: UNAVAILABLE — ${error.message}`);
    }
  }
}
