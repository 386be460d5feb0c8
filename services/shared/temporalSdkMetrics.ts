/**
 * The Temporal SDK's metrics, as its own Prometheus exporter serves them in this process (TEMPORAL_SDK_METRICS_ADDRESS,
 * installed with the runtime in temporalRuntime.ts). Kept apart from the runtime so that the metrics registry can
 * serve them without loading the SDK in services that never connect to Temporal (relay, webhooks).
 */

let exporterAddress: string | undefined;

/** Said once by the runtime's installer: the SDK now exports at `address`. */
export function temporalSdkMetricsExportedAt(address: string): void {
  exporterAddress = address;
}

/** The wait for the SDK's exporter, which answers from memory in this same process. */
const SCRAPE_TIMEOUT_MS = 2_000;

/**
 * The SDK exporter's Prometheus text; undefined when the SDK exports nothing in this process, 'unreachable' when its
 * exporter did not answer (the scrape still serves our own metrics, and says so in a gauge).
 */
export async function temporalSdkMetricsText(): Promise<string | 'unreachable' | undefined> {
  if (exporterAddress === undefined) return undefined;
  try {
    const response = await fetch(`http://${exporterAddress}/metrics`, {
      signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS),
    });
    if (!response.ok) return 'unreachable';
    return await response.text();
  } catch {
    return 'unreachable';
  }
}
