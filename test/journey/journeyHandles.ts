/** What the journey tests do with a running journey's handle: its hire, waiting on its view, keeping its history. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { type JourneyView, journeyViewQuery } from '../../workflows/hireJourneyContract';

/** The hire id in a journey's workflow id (hire-journey:<organisation>:<hire>). */
export const hireIdOf = (handle: WorkflowHandle) => handle.workflowId.split(':')[2]!;

/** Asks the journey's view until `done` holds, for at most about ten seconds of wall time. */
export async function viewWhen(handle: WorkflowHandle, done: (view: JourneyView) => boolean): Promise<JourneyView> {
  let view: JourneyView | undefined;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    view = await handle.query(journeyViewQuery);
    if (done(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`journey view never reached the expected state: ${JSON.stringify(view)}`);
}

/** The workflow version today's runs record: fixtures of earlier versions keep their names (journey-landed.json…). */
export const RECORDED_VERSION = 'decider-v1';

/**
 * RECORD_HISTORIES=1 keeps this run's history as a replay fixture (test/replay/histories/<name>.<version>.json) for
 * future versions of the workflow. A fixture already there stays: it proves an older version still replays.
 */
export async function recordHistory(handle: WorkflowHandle, name: string, version = RECORDED_VERSION): Promise<void> {
  const path = join(__dirname, '../replay/histories', `${name}.${version}.json`);
  if (!process.env.RECORD_HISTORIES || existsSync(path)) return;
  writeFileSync(path, JSON.stringify(await handle.fetchHistory(), null, 2));
}
