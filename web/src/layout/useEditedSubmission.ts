import { useSubmitOnce } from '../api/useSubmitOnce';

/**
 * useSubmitOnce for a form whose fields may change between tries: `edited(set)` wraps a field's setter so that a
 * change renews the key, since what was typed then is another submission, not a retry of the one refused.
 */
export function useEditedSubmission() {
  const once = useSubmitOnce();
  const edited =
    <T>(set: (value: T) => void) =>
    (value: T) => {
      once.renewKey();
      set(value);
    };
  return { ...once, edited };
}
