/**
 * Records the event history of a hire journey from a running Temporal server into test/replay/histories/, so the
 * replay test can prove that today's workflow code still replays journeys started by yesterday's.
 * Usage: TEMPORAL_ADDRESS=host:port npx tsx test/replay/recordHistory.ts <workflowId> <fixture-name>
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';

async function main(): Promise<void> {
  const [workflowId, name] = process.argv.slice(2);
  if (!workflowId || !name) throw new Error('usage: recordHistory.ts <workflowId> <fixture-name>');
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  try {
    const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
    const path = join(__dirname, 'histories', `${name}.json`);
    writeFileSync(path, JSON.stringify(history, null, 2));
    console.log(`recorded ${history.events?.length ?? 0} events to ${path}`);
  } finally {
    await connection.close();
  }
}

void main();
