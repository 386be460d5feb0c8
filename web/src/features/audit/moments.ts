import type { Language } from '../../i18n/catalogue';

/** A moment as the page shows it: the person's language, their own time zone, to the second. */
export function formatMoment(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(new Date(iso));
}

/** An RFC 3339 moment as a datetime-local input's value (the browser's own time zone, to the second). */
export function toLocalInput(iso: string): string {
  const moment = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(moment.getHours())}:${pad(moment.getMinutes())}:${pad(moment.getSeconds())}`;
}

/**
 * A datetime-local value as the end of the second (or, without seconds, the minute) it names, in RFC 3339: what
 * happened during the time picked is part of the state shown, as a person reading "at 10:42" expects. Seconds
 * count because a journey's events often lie seconds apart. Undefined for an empty or unreadable value.
 */
export function fromLocalInput(value: string): string | undefined {
  const start = new Date(value);
  if (Number.isNaN(start.getTime())) return undefined;
  const hasSeconds = /T\d{2}:\d{2}:\d{2}/.test(value);
  return new Date(start.getTime() + (hasSeconds ? 999 : 59_999)).toISOString();
}

/** When an event happened for the state-as-of fold: its occurredAt, else when it was recorded (as the API folds). */
export function momentOf(event: { occurredAt?: string; recordedAt: string }): string {
  return event.occurredAt ?? event.recordedAt;
}

/** The slider's position for a moment: the number of events that happened by then (all of them: "now"). */
export function eventsBy(moments: readonly string[], asOf: string | undefined): number {
  if (asOf === undefined) return moments.length;
  const at = Date.parse(asOf);
  return moments.filter((moment) => Date.parse(moment) <= at).length;
}
