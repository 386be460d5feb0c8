import { TestWorkflowEnvironment } from '@temporalio/testing';
import { serviceAddress } from './serviceAvailability';

/** Temporal's time-skipping test server: a two-year journey runs in seconds. One per suite, run serially. */
export function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serviceAddress('temporal-test-server') } },
  });
}
