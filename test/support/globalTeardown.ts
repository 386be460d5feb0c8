import type { Stop } from './provideServices';

export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __softLandingStops?: Stop[] }).__softLandingStops ?? [];
  for (const stop of stops.reverse()) await stop();
}
