import { useQueryClient } from '@tanstack/react-query';
import { organisationHeader } from '../../api/client';
import { useEditedSubmission } from '../../layout/useEditedSubmission';

const headerFor = (idempotencyKey: string) => ({ ...organisationHeader(), 'Idempotency-Key': idempotencyKey });

/** The request every command on one hire sends: the hire in the path, the key and organisation in the headers. */
export interface HireCommandRequest<Body> {
  params: { header: ReturnType<typeof headerFor>; path: { hireId: string } };
  body: Body;
}

/**
 * One command on the hire `hireId` (a plan change, a new start date, the end of the journey), sent once (see
 * useSubmitOnce) with the mutation of its path. `send` gives the API's answer, or undefined when it was refused;
 * `taken` hears of the answer first, then the journey view and the lists are refreshed to show what it changed.
 * `edited` wraps a field's setter: what was typed changed, so the next submission is another one (a new key).
 */
export function useHireCommand<Body, Answer>(
  hireId: string,
  mutateAsync: (request: HireCommandRequest<Body>) => Promise<Answer>,
) {
  const queryClient = useQueryClient();
  const once = useEditedSubmission();
  const send = async (body: Body, taken?: (answer: Answer) => void) => {
    const answer = await once.submit((key) =>
      mutateAsync({ params: { header: headerFor(key), path: { hireId } }, body }),
    );
    if (answer) {
      taken?.(answer);
      await queryClient.invalidateQueries({ queryKey: ['get', '/hires/{hireId}'] });
    }
    return answer;
  };
  return { ...once, send };
}
