import { useCallback, useRef, useState } from 'react';
import { isProblem } from './problems';
import type { Problem } from './schemas';

/**
 * A form's sending to the API: nothing sent while one is on its way (a double click sends once), and the answer's
 * problem detail, or that the network failed, kept until the next answer. `sendOnce` gives `{ answer }`, or
 * undefined when refused or already on its way; `answered` and `refused` hear of each before the form is free again.
 */
export function useSendOnce() {
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [networkError, setNetworkError] = useState(false);

  const sendOnce = useCallback(
    async <T>(
      send: () => Promise<T>,
      on: { answered?: (answer: T) => void; refused?: () => void } = {},
    ): Promise<{ answer: T } | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setPending(true);
      setNetworkError(false);
      try {
        const answer = await send();
        setProblem(undefined);
        on.answered?.(answer);
        return { answer };
      } catch (error) {
        on.refused?.();
        if (isProblem(error)) setProblem(error);
        else setNetworkError(true);
        return undefined;
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [],
  );

  return { sendOnce, pending, problem, networkError };
}
