/**
 * Why the journey refuses a command, in words: one catalogue for the decider (which records the Dutch sentence in
 * its rejection) and for the API (which answers in the language the client prefers, services/problems/problemMessages.ts).
 * A rejection carries a stable code and the values its sentence needs, never a sentence alone, so a new language is
 * a new column here and nothing more. Pure: the workflow bundle imports this module.
 */
import type { PlanChangeRefusal } from './planItemChanges';
import type { TextLanguage } from '../templateText';

export type RejectionCode =
  | 'journey-starting'
  | 'journey-ended'
  | 'hire-leaving'
  | 'unknown-item'
  | 'exit-interview-is-no-task'
  | 'item-closed'
  | 'mentor-not-asked'
  | 'coffee-moment-in-the-past'
  | 'no-mentor'
  | 'meeting-in-the-future'
  | 'invalid-meeting-length'
  | 'not-a-date'
  | 'outside-planning-window'
  | 'hire-started'
  | 'not-leaving'
  | 'invalid-exit-reasons'
  | 'invalid-learning-line-change'
  | 'already-on-leave'
  | 'not-on-leave'
  | 'item-gated'
  | 'invalid-plan-change';

export type RejectionParams = Readonly<Record<string, string>>;

/** A command the journey refuses: the code and values for any language, and the Dutch sentence they make. */
export interface JourneyRejection {
  readonly rejected: RejectionCode;
  readonly message: string;
  readonly params?: RejectionParams;
  /** A refused plan change says why in its own form, worded by the API (services/problems/planChangeMessages.ts). */
  readonly planChange?: PlanChangeRefusal;
}

/** The dates a command names, so a sentence about one reads right in each language. */
export type DateField = 'start-date' | 'last-working-day' | 'meeting-date' | 'first-leave-day' | 'last-leave-day';

const DATE_FIELDS: Record<DateField, Record<TextLanguage, string>> = {
  'start-date': { nl: 'De startdatum', en: 'The start date' },
  'last-working-day': { nl: 'De laatste werkdag', en: 'The last working day' },
  'meeting-date': { nl: 'De datum van het gesprek', en: 'The date of the meeting' },
  'first-leave-day': { nl: 'De eerste verlofdag', en: 'The first day of leave' },
  'last-leave-day': { nl: 'De laatste verlofdag', en: 'The last day of leave' },
};

const dateField = (p: RejectionParams, language: TextLanguage): string =>
  DATE_FIELDS[p.field as DateField]?.[language] ?? p.field ?? '';

type Sentence = (p: RejectionParams) => string;

export const REJECTION_WORDING: Record<RejectionCode, Record<TextLanguage, Sentence>> = {
  'journey-starting': {
    nl: () => 'Het traject wordt nog gestart; probeer het zo opnieuw.',
    en: () => 'The journey is still starting; try again in a moment.',
  },
  'journey-ended': {
    nl: () => 'Deze reis is al afgesloten.',
    en: () => 'This journey has already ended.',
  },
  'hire-leaving': {
    nl: () => 'Deze medewerker gaat uit dienst; alleen het exitgesprek staat nog open.',
    en: () => 'This employee is leaving; only the exit interview is still open.',
  },
  'unknown-item': {
    nl: (p) => `Deze reis heeft geen taak of mijlpaal "${p.itemId}".`,
    en: (p) => `This journey has no task or milestone "${p.itemId}".`,
  },
  'exit-interview-is-no-task': {
    nl: () => 'Leg het exitgesprek vast met de vertrekredenen, niet als losse taak.',
    en: () => 'Record the exit interview with the exit reasons, not as a task of its own.',
  },
  // Without an item it is the exit interview that was recorded already.
  'item-closed': {
    nl: (p) => (p.itemId ? `"${p.itemId}" is al afgerond of vervallen.` : 'Het exitgesprek is al vastgelegd.'),
    en: (p) =>
      p.itemId ? `"${p.itemId}" is already done or cancelled.` : 'The exit interview has already been recorded.',
  },
  'mentor-not-asked': {
    nl: () => 'Deze mentor is nu niet gevraagd voor deze nieuwe collega.',
    en: () => 'This mentor has not been asked for this new colleague at the moment.',
  },
  'coffee-moment-in-the-past': {
    nl: () => 'Het koffiemoment ligt in het verleden.',
    en: () => 'The coffee moment lies in the past.',
  },
  'no-mentor': {
    nl: () => 'Deze nieuwe collega heeft nu geen mentor.',
    en: () => 'This new colleague has no mentor at the moment.',
  },
  'meeting-in-the-future': {
    nl: () => 'Een gesprek leg je vast als het geweest is, niet vooraf.',
    en: () => 'A meeting is logged once it has taken place, not beforehand.',
  },
  'invalid-meeting-length': {
    nl: () => 'Een gesprek duurt 5 tot 480 minuten.',
    en: () => 'A meeting lasts 5 to 480 minutes.',
  },
  // With `since` it is the end of a leave, which must fall on or after its start.
  'not-a-date': {
    nl: (p) =>
      p.since
        ? `Het verlof eindigt op een datum (JJJJ-MM-DD) op of na ${p.since}.`
        : `${dateField(p, 'nl')} moet een datum zijn (JJJJ-MM-DD).`,
    en: (p) =>
      p.since
        ? `The leave ends on a date (YYYY-MM-DD) on or after ${p.since}.`
        : `${dateField(p, 'en')} must be a date (YYYY-MM-DD).`,
  },
  'outside-planning-window': {
    nl: (p) => `${dateField(p, 'nl')} valt buiten het planbare venster (${p.earliest} tot en met ${p.latest}).`,
    en: (p) => `${dateField(p, 'en')} is outside the window that can be planned (${p.earliest} to ${p.latest}).`,
  },
  'hire-started': {
    nl: (p) =>
      p.command === 'withdraw'
        ? 'De nieuwe collega is al begonnen; meld een uitdiensttreding in plaats van een terugtrekking.'
        : 'De nieuwe collega is al begonnen; de startdatum ligt vast.',
    en: (p) =>
      p.command === 'withdraw'
        ? 'The new colleague has already started; register a termination instead of a withdrawal.'
        : 'The new colleague has already started; the start date is fixed.',
  },
  'not-leaving': {
    nl: () => 'Er is geen exitgesprek te verslaan: de medewerker gaat niet uit dienst.',
    en: () => 'There is no exit interview to record: the employee is not leaving.',
  },
  // The exit-reason checker words its problems in both languages itself (exitReasons.ts).
  'invalid-exit-reasons': {
    nl: (p) => p.problems ?? '',
    en: (p) => p.problemsEn ?? p.problems ?? '',
  },
  // Template problems are Dutch sentences (journeyTemplate.ts); English names the fields they are about.
  'invalid-learning-line-change': {
    nl: (p) => p.problems ?? '',
    en: (p) => `This change to the learning line cannot be made; check ${p.paths}.`,
  },
  'already-on-leave': {
    nl: (p) => `De reis staat al stil sinds ${p.since}.`,
    en: (p) => `The journey has been paused since ${p.since}.`,
  },
  'not-on-leave': {
    nl: () => 'De reis staat niet stil; er valt niets te hervatten.',
    en: () => 'The journey is not paused; there is nothing to resume.',
  },
  'item-gated': {
    nl: (p) => `"${p.item}" kan pas worden afgerond als ${p.waitingOn} is afgerond.`,
    en: (p) => `"${p.itemEn ?? p.item}" can only be completed once ${p.waitingOnEn ?? p.waitingOn} is done.`,
  },
  // Worded from its `planChange` (planItemChanges.ts); these stand in should a caller see the code alone.
  'invalid-plan-change': {
    nl: () => 'Deze wijziging van het plan kan niet.',
    en: () => 'This change to the plan cannot be made.',
  },
};

export const REJECTION_CODES = Object.keys(REJECTION_WORDING) as RejectionCode[];

export function isRejectionCode(value: unknown): value is RejectionCode {
  return typeof value === 'string' && Object.hasOwn(REJECTION_WORDING, value);
}

/** A rejection with its Dutch sentence, the one the journey records and the default answer. */
export function journeyRejection(code: RejectionCode, params: RejectionParams = {}): JourneyRejection {
  const message = rejectionText(code, params, 'nl');
  return Object.keys(params).length > 0 ? { rejected: code, message, params } : { rejected: code, message };
}

export function rejectionText(code: RejectionCode, params: RejectionParams, language: TextLanguage): string {
  return REJECTION_WORDING[code][language](params);
}

/**
 * How a rejection crosses from the workflow to the API: in the failure's details, beside its Dutch message. Named
 * `rejection`, not `code`: a plan change's refusal travels the same way with a `code` of its own.
 */
export interface RejectionDetails {
  readonly rejection: RejectionCode;
  readonly params: RejectionParams;
}

export function rejectionDetails(rejection: JourneyRejection): RejectionDetails {
  return { rejection: rejection.rejected, params: rejection.params ?? {} };
}
