import type { Request, RequestHandler, Response, Router } from 'express';
import { jsonBodies } from '../http/jsonBodies';
import type { RequestValidator } from '../http/requestValidator';
import { Problem } from '../problems/problem';
import { SurveyTokenRefused } from '../survey/surveyStore';

/** A link the survey store refused, as the problem the page shows; the exit questionnaire's link is refused alike. */
const REFUSALS = {
  invalid: () => new Problem(401, 'survey-link-invalid'),
  expired: () => new Problem(410, 'survey-link-expired'),
  spent: () => new Problem(410, 'survey-link-spent'),
} as const;

/**
 * A call of a survey page (the 90-day survey, a pulse, the exit questionnaire) made before authentication, where the
 * personal link's token is the credential: a refused link becomes its problem, any other failure goes on as it is.
 */
function surveyLinkCall(handle: (req: Request, res: Response) => unknown): RequestHandler {
  return async (req, res, next) => {
    try {
      await handle(req, res);
    } catch (error) {
      next(error instanceof SurveyTokenRefused ? REFUSALS[error.reason]() : error);
    }
  };
}

/**
 * How a survey page's calls are registered on `router`: each a POST whose JSON body (with the token) is checked
 * against the contract's operation before `handle` runs as a surveyLinkCall.
 */
export function surveyLinkPosts(
  router: Router,
  validator: RequestValidator,
): (path: string, operationId: string, handle: (req: Request, res: Response) => unknown) => void {
  return (path, operationId, handle) => {
    router.post(path, ...jsonBodies(), validator.middleware(operationId), surveyLinkCall(handle));
  };
}

/** A page that says which organisation it is for may only use a link of that organisation. */
export function requireLinkOfRequestedOrganisation(req: Request, linkOrganisationId: string): void {
  const claimed = req.get('x-organisation-id');
  if (claimed !== undefined && claimed !== linkOrganisationId)
    throw new Problem(403, 'organisation-forbidden', { organisationId: claimed });
}

/** What the link holder is shown, or told was received: their own, so no cache keeps it. */
export function sendUncached(res: Response, status: number, body: unknown): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json(body);
}
