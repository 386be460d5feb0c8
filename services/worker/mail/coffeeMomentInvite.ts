/**
 * The calendar invitation in the mentor's welcome mail (RFC 5545): one VEVENT, METHOD:REQUEST, so the new
 * colleague's calendar offers accept/decline. The UID comes from the journey, so a re-sent invite — a retried
 * activity, or a new time after a start-date change with a higher SEQUENCE — updates the one event instead of
 * adding a second.
 */

export interface CalendarPerson {
  readonly email: string;
  /** Given at send time, never stored. */
  readonly name?: string;
}

export interface CoffeeMomentInviteInput {
  /** The journey's workflow id: fixes the event's UID. */
  readonly journeyId: string;
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly summary: string;
  readonly description?: string;
  readonly location?: string;
  readonly organizer: CalendarPerson;
  readonly attendees: readonly CalendarPerson[];
  /** When the invite was made (DTSTAMP); the workflow's clock, so a retry writes the same file. */
  readonly createdAt: Date;
  /** 0 for the first invite; raise it for every new time. */
  readonly sequence?: number;
}

export const COFFEE_MOMENT_FILENAME = 'koffiemoment.ics';

export function coffeeMomentUid(journeyId: string): string {
  return `coffee-moment.${journeyId}@soft-landing`;
}

export function coffeeMomentInvite(input: CoffeeMomentInviteInput): string {
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes <= 0) {
    throw new RangeError(`A coffee moment lasts a whole, positive number of minutes, not ${input.durationMinutes}`);
  }
  if (input.attendees.length === 0) throw new RangeError('A coffee moment needs someone to invite');
  const endsAt = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Soft Landing//Koffiemoment//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${escapeText(coffeeMomentUid(input.journeyId))}`,
    `SEQUENCE:${input.sequence ?? 0}`,
    `DTSTAMP:${utcDateTime(input.createdAt)}`,
    `DTSTART:${utcDateTime(input.startsAt)}`,
    `DTEND:${utcDateTime(endsAt)}`,
    `SUMMARY:${escapeText(input.summary)}`,
    ...(input.description ? [`DESCRIPTION:${escapeText(input.description)}`] : []),
    ...(input.location ? [`LOCATION:${escapeText(input.location)}`] : []),
    `ORGANIZER${nameParameter(input.organizer)}:mailto:${input.organizer.email}`,
    ...input.attendees.map(
      (attendee) =>
        `ATTENDEE${nameParameter(attendee)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${attendee.email}`,
    ),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** `20250301T090000Z`: UTC form, so no VTIMEZONE is needed. */
export function utcDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Not a valid instant');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function nameParameter(person: CalendarPerson): string {
  if (!person.name) return '';
  // A quoted parameter value may hold anything but a double quote or a control character.
  return `;CN="${person.name.replace(/["\p{Cc}]/gu, '')}"`;
}

/** RFC 5545 §3.1: lines longer than 75 octets continue on a line starting with a space; never inside a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8Length(character);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines spend one octet on the leading space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utf8Length(character: string): number {
  const codePoint = character.codePointAt(0)!;
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
