import type { JourneyItem } from '../../api/schemas';

/** How an item of the journey stands today, as a person reads the timeline. */
export type TimelineState = 'done' | 'overdue' | 'due' | 'ahead' | 'cancelled';

/** Items due within this many days (today included) are "due"; later ones are "ahead". */
export const DUE_WITHIN_DAYS = 7;

/** Today as YYYY-MM-DD in the browser's own time zone: due dates are calendar days, not instants. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Only an open item (someone owes it) can be overdue; what the journey does by itself (`scheduled`: a mail, the
 * end of the programme) past its day is merely due, since the journey will do it.
 */
export function timelineState(item: Pick<JourneyItem, 'status' | 'dueDate'>, today: string): TimelineState {
  if (item.status === 'done') return 'done';
  if (item.status === 'cancelled') return 'cancelled';
  const days = daysBetween(today, item.dueDate);
  if (days < 0) return item.status === 'open' ? 'overdue' : 'due';
  return days < DUE_WITHIN_DAYS ? 'due' : 'ahead';
}

/** The journey's items by due date (then by id, so equal days keep one order), each with its state. */
export function journeyTimeline<T extends Pick<JourneyItem, 'id' | 'status' | 'dueDate'>>(
  items: readonly T[],
  today: string,
): (T & { state: TimelineState })[] {
  return [...items]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))
    .map((item) => ({ ...item, state: timelineState(item, today) }));
}
