/**
 * The least a workflow can be: no activity, no timer, no state. bench/journeyStart.bench.ts starts it beside the
 * hire journey on the same server, so what a journey costs is read against what any workflow costs there.
 */
export async function trivialWorkflow(): Promise<void> {}
