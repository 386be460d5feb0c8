/**
 * What a person reads when a plan change is refused: the journey's own Dutch sentence
 * (workflows/domain/journey/planItemChanges.ts, one place for each rule), and the same in English here.
 */
import {
  type PlanChangeRefusal,
  type PlanChangeRefusalCode,
  planChangeRefusalText,
} from '../../workflows/domain/journey/planItemChanges';
import type { Language } from './problemMessages';

type Params = Readonly<Record<string, string>>;

const ENGLISH: Record<PlanChangeRefusalCode, (p: Params) => string> = {
  'on-leave': (p) => `The journey has stood still since ${p.since} (leave); change the plan once the leave is over.`,
  'unknown-item': (p) => `This journey has no planned item "${p.itemId}".`,
  'item-closed': (p) =>
    `"${p.titleEn ?? p.title}" is done, cancelled or past already; there is nothing left to change.`,
  'not-a-date': () => 'Give a date (YYYY-MM-DD).',
  'date-in-the-past': (p) => `That date is in the past; choose ${p.today} or later.`,
  'preboarding-after-day-one': (p) => `A pre-boarding item comes before the first working day (${p.startDate}).`,
  'before-day-one': (p) => `This item comes on or after the first working day (${p.startDate}).`,
  'after-programme-end': (p) => `That date is after the end of the onboarding programme (${p.endDate}).`,
  'survey-out-of-bounds': (p) =>
    `The invitation to the 90-day survey goes out between ${p.earliest} and ${p.latest} (day 60 to 120).`,
  'programme-end-is-fixed': () =>
    'The end of the programme follows from the template, the start date and leave; it cannot be moved or dropped on its own.',
  'mentor-period-end-is-fixed': () =>
    "The end of the mentor period ends the mentoring and frees the mentor's hours; it cannot be dropped.",
  'reminder-follows-invitation': () =>
    'The reminder follows the survey invitation; move or drop the invitation instead.',
  'coffee-moment-chosen': () =>
    'The mentor has chosen and sent the coffee moment already; agree a new moment with the mentor.',
  'legal-requirement': (p) =>
    `"${p.titleEn ?? p.title}" is required by law (${p.reference}) and cannot be dropped for one hire; complete it if it is arranged already.`,
  'required-by-others': (p) =>
    `"${p.titleEn ?? p.title}" cannot be dropped: ${p.waitingEn ?? p.waiting} waits on it. Complete it, or drop what waits on it first.`,
  'no-owner-to-change': (p) =>
    `"${p.titleEn ?? p.title}" is done by the journey itself (or belongs to the mentor); there is no owner to change.`,
  'unknown-role': (p) => `"${p.role}" is not a role in this journey.`,
  'invalid-title': (p) => `Give the task a name of 1 to ${p.max} characters (no names of people).`,
  'task-exists': (p) => `The task "${p.itemId}" exists in this journey already.`,
  'opened-by-journey': (p) =>
    `"${p.titleEn ?? p.title}" is opened by the journey itself and follows from what happened; it is not moved, dropped or given to someone else. Complete it once it is done.`,
};

export function planChangeMessage(refusal: PlanChangeRefusal, language: Language): string {
  return language === 'en' ? ENGLISH[refusal.code](refusal.params) : planChangeRefusalText(refusal);
}

/** A reason of spaces only passes the contract's length; it is still no reason. */
export function missingReasonMessage(language: Language): string {
  return language === 'en' ? 'Give the reason for this change.' : 'Geef de reden voor deze wijziging.';
}

/** The refusal as the journey sent it in its failure's details, if it is one (anything else: undefined). */
export function planChangeRefusalOf(details: unknown): PlanChangeRefusal | undefined {
  const first = Array.isArray(details) ? (details[0] as Partial<PlanChangeRefusal> | undefined) : undefined;
  if (!first || typeof first.code !== 'string' || !(first.code in ENGLISH)) return undefined;
  return { code: first.code, pointer: String(first.pointer ?? ''), params: { ...(first.params ?? {}) } };
}

/** Problem params carry strings only: the refusal packed for 'plan-change-refused' and unpacked for its wording. */
export function packRefusal(refusal: PlanChangeRefusal): Record<string, string> {
  return { code: refusal.code, pointer: refusal.pointer, params: JSON.stringify(refusal.params) };
}

export function unpackRefusal(packed: Readonly<Record<string, string>>): PlanChangeRefusal {
  return {
    code: packed.code as PlanChangeRefusalCode,
    pointer: packed.pointer ?? '',
    params: JSON.parse(packed.params ?? '{}') as Params,
  };
}
