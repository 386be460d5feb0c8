import { HireScript, startSteps } from '../../test/fixtures/journeyScript';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import { JourneyTemplateStore } from '../templates/journeyTemplateStore';
import { StoredJourneyViews } from './storedJourneyViews';

const ORG = 'jeugdzorg-oost';
const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-02-10T09:00:00Z');

/**
 * The views kept between reads are answers worked out before: each must be what a fresh fold of the same events
 * answers on the same day, whatever was recorded or whichever day came since.
 */
describe('the journey views answered from the events and kept between reads', () => {
  const dir = temporaryDirectory('stored-views');
  let store: SqliteEventStore;
  let views: StoredJourneyViews;
  let hire: HireScript;
  const fresh = (now: number) =>
    new StoredJourneyViews(store, new JourneyTemplateStore(store)).view(ORG, hire.hireId, now);

  beforeEach(async () => {
    store = new SqliteEventStore(dir.file('events.sqlite'));
    views = new StoredJourneyViews(store, new JourneyTemplateStore(store));
    hire = new HireScript(store, ORG, 'h-oost-1');
    await hire.append(...startSteps('2026-02-09', { startDate: '2026-03-02', managerRef: 'm-oost' }));
  });
  afterEach(() => store.close());

  it('answers a repeat on the same day with the view it worked out, the same as a fresh fold', async () => {
    const first = await views.view(ORG, hire.hireId, NOW);
    expect(first?.hireId).toBe(hire.hireId);
    expect(await views.view(ORG, hire.hireId, NOW + 60_000)).toBe(first);
    expect(first).toEqual(await fresh(NOW));
  });

  it('works the view out again once the journey recorded something new', async () => {
    const before = await views.view(ORG, hire.hireId, NOW);
    expect(before?.mentor?.status).not.toBe('asked');
    await hire.append({
      day: '2026-02-10',
      type: 'MentorRequested',
      data: { mentorRef: 'm-anna', answerDeadline: '2026-02-13', hoursPerWeek: 5 },
    });
    const after = await views.view(ORG, hire.hireId, NOW);
    expect(after?.mentor?.status).toBe('asked');
    expect(after).toEqual(await fresh(NOW));
  });

  it('works the view out again on the next day, which moves what is due', async () => {
    const today = await views.view(ORG, hire.hireId, NOW);
    const weeksLater = NOW + 30 * DAY_MS;
    const later = await views.view(ORG, hire.hireId, weeksLater);
    expect(later).not.toEqual(today);
    expect(later).toEqual(await fresh(weeksLater));
  });
});
