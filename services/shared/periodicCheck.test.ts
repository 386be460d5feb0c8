import { startPeriodicCheck } from './periodicCheck';

const waitUntil = async (done: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('startPeriodicCheck', () => {
  it('runs the first check at once when asked, and then every interval', async () => {
    let runs = 0;
    const check = startPeriodicCheck(async () => void (runs += 1), 60_000, { atOnce: true });
    try {
      await waitUntil(() => runs === 1);
    } finally {
      await check.stop();
    }
    expect(runs).toBe(1);
  });

  it('waits one interval for its first check otherwise', async () => {
    let runs = 0;
    const check = startPeriodicCheck(async () => void (runs += 1), 60_000, { atOnce: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await check.stop();
    expect(runs).toBe(0);
  });

  it('never runs two checks at once, goes on after one that throws, and stop waits for the running one', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let finished = 0;
    const check = startPeriodicCheck(
      async () => {
        runs += 1;
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 30));
        active -= 1;
        finished += 1;
        if (runs === 1) throw new Error('the first check fails');
      },
      5,
      { atOnce: true },
    );
    await waitUntil(() => runs >= 3);
    await check.stop();
    expect(most).toBe(1);
    expect(finished).toBe(runs);
  });
});
