import { useState } from 'react';
import { fieldProblem, unplacedErrors } from '../../api/problems';
import { useSendOnce } from '../../api/useSendOnce';

/**
 * One form's command to the API: sent once however often the button is pressed while it is under way, the API's
 * problem detail kept for the fields and the alert, and a sentence for the status region when it succeeded.
 */
export function useCommand() {
  const { sendOnce, pending, problem, networkError } = useSendOnce();
  const [done, setDone] = useState<string | undefined>();
  const run = async (send: () => Promise<string>): Promise<boolean> =>
    (await sendOnce(send, { answered: setDone, refused: () => setDone(undefined) })) !== undefined;
  return {
    problem,
    networkError,
    done,
    busy: pending,
    run,
    errorAt: (pointer: string) => fieldProblem(problem, pointer),
    /** What none of the form's fields (by their pointers) shows, for the alert at its top. */
    unplaced: (placed: readonly string[]) => unplacedErrors(problem, placed),
  };
}
