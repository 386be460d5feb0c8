/**
 * A journey's rejection as a problem's params, and back into words. The workflow sends the rejection's code and
 * values in the failure's details beside its Dutch message; a journey that sends none (hireJourneyLegacy.ts) is
 * answered with its message as it is.
 */
import { type RejectionParams, isRejectionCode, rejectionText } from '../../workflows/domain/journey/journeyRejections';
import type { TextLanguage } from '../../workflows/domain/templateText';

/** `reason` and `rejection` are ours; the rejection's values sit beside them. */
export function rejectionProblemParams(message: string, details: unknown): Record<string, string> {
  const { rejection: code, params } = (typeof details === 'object' && details !== null ? details : {}) as {
    rejection?: unknown;
    params?: unknown;
  };
  if (!isRejectionCode(code)) return { reason: message };
  return { ...stringValues(params), reason: message, rejection: code };
}

export function rejectionDetail(params: RejectionParams, language: TextLanguage): string {
  const code = params.rejection;
  return isRejectionCode(code) ? rejectionText(code, params, language) : (params.reason ?? '');
}

function stringValues(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
