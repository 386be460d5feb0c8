import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * Today's journey workflows bundled for Worker.runReplayHistory: the replay fixtures and the start race replay
 * histories with it. Quiet but for errors, so a bundling problem still shows.
 */
export function bundleJourneyWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};
