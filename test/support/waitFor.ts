import { setTimeout as sleep } from 'node:timers/promises';

/** Polls until `done` holds, then returns the value; fails with the last value seen when time runs out. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`waitFor timed out; last value: ${JSON.stringify(last)}`);
    await sleep(100);
    last = await probe();
  }
  return last;
}
