import { Problem } from '../problems/problem';
import { QuestionnaireNotFoundError } from '../survey/questionnaireStore';

/** What `load` gives, or the 404 of a questionnaire the organisation does not have; any other failure as it is. */
export async function questionnaireOrNotFound<T>(load: () => Promise<T>, questionnaireId: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof QuestionnaireNotFoundError)
      throw new Problem(404, 'questionnaire-not-found', { questionnaireId });
    throw error;
  }
}
