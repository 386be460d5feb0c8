import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { bundleJourneyWorkflows } from '../support/journeyBundle';

/**
 * Journeys run for up to two years, so today's workflow code must replay the histories of journeys started by
 * every earlier version. Each fixture was recorded from a real server (test/replay/recordHistory.ts); a change
 * that is not guarded with patched() makes this fail with a DeterminismViolationError.
 */
const historiesDir = join(__dirname, 'histories');
const fixtures = readdirSync(historiesDir).filter((name) => name.endsWith('.json'));

describe('replaying recorded journey histories with the current workflow code', () => {
  let workflowBundle: { code: string };

  beforeAll(async () => {
    workflowBundle = await bundleJourneyWorkflows();
  });

  it('has recorded histories to replay', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)('replays %s without a determinism violation', async (fixture) => {
    // Fixtures hold the protobuf message's own JSON form, which fromObject reads back (bytes base64, int64 strings).
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(join(historiesDir, fixture), 'utf8')),
    );
    await Worker.runReplayHistory({ workflowBundle, replayName: fixture }, history);
  });
});
