import type { EventStore } from '../event-store/eventStore';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import { withContracts } from '../event-store/withContracts';
import { MentorPool, type MentorOffer, mentorPoolStreamName } from './mentorPool';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

const ORG = 'org-reservations';

const offer = (id: string, overrides: Partial<MentorOffer> = {}): MentorOffer => ({
  id,
  team: 'Team Tiel',
  location: 'Tiel',
  experienceYears: 5,
  hoursPerWeekAvailable: 20,
  maxMentees: 1,
  active: true,
  ...overrides,
});

const needs = (hireId: string) => ({ personId: hireId, team: 'Team Tiel', location: 'Tiel', hoursPerWeek: 4 });

describe('the mentor pool holds a place for every request, in SQLite', () => {
  const directory = temporaryDirectory('mentor-pool');
  let store: EventStore;
  let pool: MentorPool;
  beforeEach(() => {
    store = withContracts(new SqliteEventStore(directory.file('events.sqlite')));
    pool = new MentorPool(store);
  });
  afterEach(() => store.close());

  const types = async () => {
    const found: string[] = [];
    for await (const event of store.readStream(mentorPoolStreamName(ORG))) found.push(event.type);
    return found;
  };

  it('gives a mentor with room for two to exactly two of eight journeys that ask at once', async () => {
    await pool.offer(ORG, offer('m-twee', { maxMentees: 2 }), 'test');
    const chosen = await Promise.all(
      Array.from({ length: 8 }, (_, index) => pool.reserve(ORG, needs(`h-${index}`), [])),
    );
    expect(chosen.filter((mentorRef) => mentorRef === 'm-twee')).toHaveLength(2);
    expect(chosen.filter((mentorRef) => mentorRef === null)).toHaveLength(6);
    expect((await types()).filter((type) => type === 'MentorReserved')).toHaveLength(2);
    expect((await pool.profiles(ORG))[0]).toMatchObject({ currentMentees: 2, currentHoursPerWeek: 8 });
  });

  it('counts hours too: a mentor with 6 hours left takes one mentee of 4 hours, not two', async () => {
    await pool.offer(ORG, offer('m-uren', { maxMentees: 5, hoursPerWeekAvailable: 6 }), 'test');
    const chosen = await Promise.all([pool.reserve(ORG, needs('h-a'), []), pool.reserve(ORG, needs('h-b'), [])]);
    expect(chosen.sort()).toEqual(['m-uren', null].sort());
  });

  it('sends the journey that lost the race to the next candidate', async () => {
    await pool.offer(ORG, offer('m-eerst', { experienceYears: 10 }), 'test');
    await pool.offer(ORG, offer('m-dan', { experienceYears: 2 }), 'test');
    const chosen = await Promise.all([pool.reserve(ORG, needs('h-a'), []), pool.reserve(ORG, needs('h-b'), [])]);
    expect(chosen.sort()).toEqual(['m-dan', 'm-eerst']);
  });

  it('takes no second place when the activity is retried, and frees the place on release', async () => {
    await pool.offer(ORG, offer('m-een', { maxMentees: 3 }), 'test');
    expect(await pool.reserve(ORG, needs('h-a'), [])).toBe('m-een');
    expect(await pool.reserve(ORG, needs('h-a'), [])).toBe('m-een');
    expect((await pool.profiles(ORG))[0]?.currentMentees).toBe(1);
    await pool.releaseReservation(ORG, { mentorRef: 'm-een', hireId: 'h-a', reason: 'declined' });
    await pool.releaseReservation(ORG, { mentorRef: 'm-een', hireId: 'h-a', reason: 'declined' });
    expect((await pool.profiles(ORG))[0]?.currentMentees).toBe(0);
    expect(await types()).toEqual(['MentorOffered', 'MentorReserved', 'MentorReservationReleased']);
  });

  it('turns the reservation into the assignment on accept: one place, which a late release does not free', async () => {
    await pool.offer(ORG, offer('m-een'), 'test');
    expect(await pool.reserve(ORG, needs('h-a'), [])).toBe('m-een');
    await pool.changeLoad(ORG, { mentorRef: 'm-een', hireId: 'h-a', hoursPerWeek: 4, kind: 'assign' });
    await pool.releaseReservation(ORG, { mentorRef: 'm-een', hireId: 'h-a', reason: 'withdrawn' });
    expect((await pool.profiles(ORG))[0]).toMatchObject({ currentMentees: 1, currentHoursPerWeek: 4 });
    expect(await pool.reserve(ORG, needs('h-b'), [])).toBeNull();
    await pool.changeLoad(ORG, { mentorRef: 'm-een', hireId: 'h-a', hoursPerWeek: 4, kind: 'release' });
    expect(await pool.reserve(ORG, needs('h-b'), [])).toBe('m-een');
  });
});
