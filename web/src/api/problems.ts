import type { Problem } from './schemas';

/** An answer that is a problem detail (RFC 9457) rather than a network failure or something else. */
export function isProblem(error: unknown): error is Problem {
  return typeof error === 'object' && error !== null && 'status' in error && 'title' in error;
}

/** What the API said about one field (by its JSON pointer into the body), for the field's error message. */
export function fieldProblem(problem: Problem | undefined, pointer: string): string | undefined {
  const details = problem?.errors?.filter((error) => error.pointer === pointer).map((error) => error.detail);
  return details && details.length > 0 ? details.join('; ') : undefined;
}

/** The parts of a problem no field of the form shows: for the alert at the top of the form. */
export function unplacedErrors(
  problem: Problem | undefined,
  placedPointers: readonly string[],
): { pointer: string; detail: string }[] {
  return (problem?.errors ?? []).filter((error) => !placedPointers.includes(error.pointer));
}

/**
 * What to show beside a field: the API's word on its pointer, or, for a field a form names as the one a refusal of
 * the whole command is about (a 409 from the journey, which names no field), that refusal's detail.
 */
export function fieldOrConflictProblem(
  problem: Problem | undefined,
  pointer: string,
  conflictsHere: boolean,
): string | undefined {
  const onField = fieldProblem(problem, pointer);
  if (onField !== undefined || !conflictsHere) return onField;
  return problem?.status === 409 && (problem.errors ?? []).length === 0 ? (problem.detail ?? problem.title) : undefined;
}

/** ProblemAlert's props for a failed query: the API's problem, or the network fallback when there was no answer. */
export function problemOrNetwork(error: unknown): { problem: Problem } | { networkError: true } {
  return isProblem(error) ? { problem: error } : { networkError: true };
}
