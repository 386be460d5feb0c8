import { amsterdamTimeToUtc } from './amsterdamTime';
import { coffeeMomentInvite, coffeeMomentUid, escapeText, foldLine } from './coffeeMomentInvite';

const input = {
  journeyId: 'hire-journey:org-1:hire-42',
  startsAt: new Date('2025-02-26T09:00:00Z'),
  durationMinutes: 30,
  summary: 'Koffie met je mentor',
  description: 'Kennismaken, vóór je eerste dag; neem je vragen mee.\nTot dan!',
  location: 'Kantoor Tiel, begane grond',
  organizer: { email: 'mentor@example.nl', name: 'Mentor "M"' },
  attendees: [{ email: 'nieuw@example.nl', name: 'Nieuwe collega' }],
  createdAt: new Date('2025-02-20T08:15:30.123Z'),
};

/** RFC 5545 §3.1: undo folding, then one property per line. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
}

describe('coffeeMomentInvite', () => {
  const ics = coffeeMomentInvite(input);
  const lines = unfold(ics);

  it('is a METHOD:REQUEST calendar with one VEVENT in UTC', () => {
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Soft Landing//Koffiemoment//NL',
      'CALSCALE:GREGORIAN',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:coffee-moment.hire-journey:org-1:hire-42@soft-landing',
        'SEQUENCE:0',
        'DTSTAMP:20250220T081530Z',
        'DTSTART:20250226T090000Z',
        'DTEND:20250226T093000Z',
        'SUMMARY:Koffie met je mentor',
        'DESCRIPTION:Kennismaken\\, vóór je eerste dag\\; neem je vragen mee.\\nTot dan!',
        'LOCATION:Kantoor Tiel\\, begane grond',
        'ORGANIZER;CN="Mentor M":mailto:mentor@example.nl',
        'ATTENDEE;CN="Nieuwe collega";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:nieuw@example.nl',
      ]),
    );
    expect(lines.slice(-2)).toEqual(['END:VEVENT', 'END:VCALENDAR']);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics.split('\r\n').some((line) => line.startsWith(' '))).toBe(true); // the long ATTENDEE line was folded
  });

  it('is the same file for the same journey, so a retry updates rather than duplicates', () => {
    expect(coffeeMomentInvite(input)).toBe(ics);
    expect(coffeeMomentUid('j-1')).not.toBe(coffeeMomentUid('j-2'));
    expect(unfold(coffeeMomentInvite({ ...input, sequence: 1 }))).toContain('SEQUENCE:1');
  });

  it('refuses a moment without length or without guests', () => {
    expect(() => coffeeMomentInvite({ ...input, durationMinutes: 0 })).toThrow(/positive number of minutes/);
    expect(() => coffeeMomentInvite({ ...input, attendees: [] })).toThrow(/someone to invite/);
  });
});

describe('foldLine', () => {
  it('never splits a multi-byte character and loses nothing', () => {
    const line = `DESCRIPTION:${'é☕'.repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:Koffie')).toBe('SUMMARY:Koffie');
  });

  it('escapes backslashes before anything else', () => {
    expect(escapeText('a\\;b')).toBe('a\\\\\\;b');
  });
});

describe('amsterdamTimeToUtc', () => {
  it('knows winter and summer time and the days they switch', () => {
    expect(amsterdamTimeToUtc('2025-02-26', '10:00').toISOString()).toBe('2025-02-26T09:00:00.000Z');
    expect(amsterdamTimeToUtc('2025-07-01', '10:00').toISOString()).toBe('2025-07-01T08:00:00.000Z');
    expect(amsterdamTimeToUtc('2025-03-30', '10:00').toISOString()).toBe('2025-03-30T08:00:00.000Z');
    expect(amsterdamTimeToUtc('2025-10-26', '10:00').toISOString()).toBe('2025-10-26T09:00:00.000Z');
    expect(amsterdamTimeToUtc('2024-03-31', '01:59').toISOString()).toBe('2024-03-31T00:59:00.000Z');
  });

  it('reads an hour that does not exist in winter time, and one that happens twice as the first', () => {
    expect(amsterdamTimeToUtc('2025-03-30', '02:30').toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(amsterdamTimeToUtc('2025-10-26', '02:30').toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(amsterdamTimeToUtc('2025-10-26', '03:00').toISOString()).toBe('2025-10-26T02:00:00.000Z');
  });

  it('agrees with the platform time-zone data on every day of two years', () => {
    const format = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let day = 0; day < 731; day++) {
      const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      for (const time of ['00:30', '10:00', '16:45']) {
        const [d, m, y, hh, mm] = format.format(amsterdamTimeToUtc(date, time)).match(/\d+/g)!;
        expect(`${y}-${m}-${d} ${hh}:${mm}`).toBe(`${date} ${time}`);
      }
    }
  });

  it('refuses what is not a time', () => {
    expect(() => amsterdamTimeToUtc('2025-02-26', '24:00')).toThrow(/Not a time/);
  });
});
