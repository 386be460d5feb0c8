import { useCallback, useRef } from 'react';
import { newIdempotencyKey } from './client';
import { isProblem } from './problems';
import { useSendOnce } from './useSendOnce';

/** The journey engine was busy (503): the contract says a retry with the same key is safe, so try again a few times. */
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000];

async function sendRetryingWhileBusy<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (!isProblem(error) || error.status !== 503 || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * One form's commands to the API: one Idempotency-Key per intended submission (kept for a retry or the second click
 * of a double click, renewed when what was typed changes and after a success), and nothing sent while one is on its
 * way. The answer's problem detail stays until the next submission, so the page can show it beside the fields.
 */
export function useSubmitOnce() {
  const idempotencyKey = useRef(newIdempotencyKey());
  const { sendOnce, pending, problem, networkError } = useSendOnce();

  const renewKey = useCallback(() => {
    idempotencyKey.current = newIdempotencyKey();
  }, []);

  /** Sends once; the answer, or undefined when refused (the problem is then kept) or already on its way. */
  const submit = useCallback(
    async <T>(send: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> => {
      const sent = await sendOnce(
        () => {
          const key = idempotencyKey.current;
          return sendRetryingWhileBusy(() => send(key));
        },
        { answered: renewKey },
      );
      return sent?.answer;
    },
    [sendOnce, renewKey],
  );

  return { submit, renewKey, pending, problem, networkError };
}
