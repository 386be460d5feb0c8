/**
 * The survey's progress, kept on the person's own device (localStorage) so a half-filled survey survives a closed
 * tab or a phone call. It holds the link's token and the answers so far, and is removed once the answers are sent.
 */
export interface SurveyProgress {
  readonly token: string;
  readonly answers: Readonly<Record<string, number | string>>;
}

const KEY = 'soft-landing.survey';

export function loadProgress(): SurveyProgress | undefined {
  try {
    const stored = JSON.parse(window.localStorage.getItem(KEY) ?? 'null') as SurveyProgress | null;
    return stored && typeof stored.token === 'string' && typeof stored.answers === 'object' ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function saveProgress(progress: SurveyProgress): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(progress));
  } catch {
    // A private window without storage: the survey still works, it only forgets on close.
  }
}

export function forgetProgress(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
