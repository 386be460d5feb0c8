import { type IsoDate, isoWeekday } from '../../../workflows/domain/calendar';
import type { MailLanguage } from './mailTemplates';

/**
 * Dates as people write them in a letter ("maandag 3 maart 2025"). Spelled out by hand, not with Intl, so a
 * worker built without full ICU data still writes Dutch.
 */
const WEEKDAYS: Record<MailLanguage, readonly string[]> = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTHS: Record<MailLanguage, readonly string[]> = {
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

export function humanDate(date: IsoDate, language: MailLanguage = 'nl'): string {
  const weekday = WEEKDAYS[language][isoWeekday(date) - 1];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${weekday} ${day} ${MONTHS[language][month - 1]} ${year}`;
}
