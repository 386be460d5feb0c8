import { useRef, useState } from 'react';
import { fieldProblem, isProblem, unplacedErrors } from '../../api/problems';
import type { Problem } from '../../api/schemas';

/**
 * One form's command to the API: sent once however often the button is pressed while it is under way, the API's
 * problem detail kept for the fields and the alert, and a sentence for the status region when it succeeded.
 */
export function useCommand() {
  const [problem, setProblem] = useState<Problem | undefined>();
  const [networkError, setNetworkError] = useState(false);
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const run = async (send: () => Promise<string>): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setBusy(true);
    setNetworkError(false);
    try {
      setDone(await send());
      setProblem(undefined);
      return true;
    } catch (error) {
      setDone(undefined);
      if (isProblem(error)) setProblem(error);
      else setNetworkError(true);
      return false;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return {
    problem,
    networkError,
    done,
    busy,
    run,
    errorAt: (pointer: string) => fieldProblem(problem, pointer),
    /** What none of the form's fields (by their pointers) shows, for the alert at its top. */
    unplaced: (placed: readonly string[]) => unplacedErrors(problem, placed),
  };
}
