/**
 * A check that runs every `intervalMs` in the background of a long-running process (the team nudges, the reminder
 * digest). Checks never overlap: a tick that finds the last check still running is skipped rather than queued, so
 * a slow mail server makes no backlog; `stop` waits for the running check, so a shutdown does not cut a mail in half.
 *
 * `atOnce`: whether the first check runs right away (the digest: a process that starts after the day's send time
 * still sends that day's digest at once) or after one interval (the nudges: a restart is no reason to check).
 * The check handles its own failures; one that throws all the same does not stop the later ones.
 */
export interface PeriodicCheck {
  stop(): Promise<void>;
}

export function startPeriodicCheck(
  check: () => Promise<unknown>,
  intervalMs: number,
  options: { readonly atOnce: boolean },
): PeriodicCheck {
  let running: Promise<unknown> | undefined;
  const next = () => {
    if (running) return;
    running = check()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
      });
  };
  const first = options.atOnce ? setTimeout(next, 0) : undefined;
  const timer = setInterval(next, intervalMs);
  first?.unref();
  timer.unref();
  return {
    stop: async () => {
      if (first) clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
