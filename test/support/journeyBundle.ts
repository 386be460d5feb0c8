import { bundleWorkflowCode } from '@temporalio/worker';
import { journeyBundlerOptions } from '../../services/worker/createWorker';

/**
 * Today's journey workflows bundled for Worker.runReplayHistory: the replay fixtures and the start race replay
 * histories with it. Quiet but for errors, so a bundling problem still shows.
 */
export function bundleJourneyWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    ...journeyBundlerOptions(),
    logger: quietLogger,
  });
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};
