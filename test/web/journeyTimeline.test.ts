import { journeyTimeline, localToday, timelineState } from '../../web/src/features/hires/journeyTimeline';

/** How the hire page reads each journey item against today (web/src/features/hires/journeyTimeline.ts). */
describe('the journey timeline', () => {
  const today = '2027-02-10';

  it.each([
    [{ status: 'done', dueDate: '2027-01-01' }, 'done'],
    [{ status: 'cancelled', dueDate: '2027-01-01' }, 'cancelled'],
    [{ status: 'open', dueDate: '2027-02-09' }, 'overdue'],
    [{ status: 'scheduled', dueDate: '2027-02-09' }, 'due'], // the journey will do it itself: not overdue
    [{ status: 'open', dueDate: '2027-02-10' }, 'due'],
    [{ status: 'open', dueDate: '2027-02-16' }, 'due'],
    [{ status: 'open', dueDate: '2027-02-17' }, 'ahead'],
  ] as const)('%o is %s', (item, state) => {
    expect(timelineState(item, today)).toBe(state);
  });

  it('orders items by due date, then id', () => {
    const items = [
      { id: 'b', status: 'open', dueDate: '2027-03-01' },
      { id: 'c', status: 'open', dueDate: '2027-02-01' },
      { id: 'a', status: 'open', dueDate: '2027-03-01' },
    ] as const;
    expect(journeyTimeline(items, today).map((item) => `${item.id}:${item.state}`)).toEqual([
      'c:overdue',
      'a:ahead',
      'b:ahead',
    ]);
  });

  it("takes today in the browser's own calendar", () => {
    expect(localToday(new Date(2027, 0, 5, 23, 30))).toBe('2027-01-05');
  });
});
