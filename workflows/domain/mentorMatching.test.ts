import fc from 'fast-check';
import { type MenteeNeeds, type MentorProfile, hasRoom, rankMentorCandidates, remainingHours } from './mentorMatching';

function mentor(id: string, overrides: Partial<MentorProfile> = {}): MentorProfile {
  return {
    id,
    team: 'team-noord',
    location: 'utrecht',
    experienceYears: 5,
    hoursPerWeekAvailable: 10,
    maxMentees: 2,
    currentMentees: 0,
    currentHoursPerWeek: 0,
    active: true,
    ...overrides,
  };
}

const hire: MenteeNeeds = { personId: 'p-hire', team: 'team-noord', location: 'utrecht', hoursPerWeek: 5 };

describe('rankMentorCandidates', () => {
  it('prefers the same team, then the same location, then experience, then time left, then id', () => {
    const pool = [
      mentor('p-e', { team: 'team-zuid', location: 'elders', experienceYears: 30 }),
      mentor('p-d', { team: 'team-zuid', experienceYears: 20 }),
      mentor('p-c', { experienceYears: 3, hoursPerWeekAvailable: 20 }),
      mentor('p-b', { experienceYears: 3, hoursPerWeekAvailable: 8 }),
      mentor('p-a2', { experienceYears: 8, hoursPerWeekAvailable: 8 }),
      mentor('p-a1', { experienceYears: 8, hoursPerWeekAvailable: 8 }),
    ];
    expect(rankMentorCandidates(hire, pool, []).map((c) => c.mentorId)).toEqual([
      'p-a1',
      'p-a2',
      'p-c',
      'p-b',
      'p-d',
      'p-e',
    ]);
    expect(rankMentorCandidates(hire, pool, [])[0]).toEqual({
      mentorId: 'p-a1',
      sameTeam: true,
      sameLocation: true,
      experienceYears: 8,
      remainingHoursPerWeek: 3,
    });
  });

  it('orders mentors equal on everything else by id alone, whatever order the pool lists them in', () => {
    const ids = ['p-3', 'p-1', 'p-5', 'p-2', 'p-4'];
    for (const order of [ids, [...ids].reverse(), [...ids].sort(), [...ids].sort().reverse()]) {
      const ranked = rankMentorCandidates(
        hire,
        order.map((id) => mentor(id)),
        [],
      ).map((c) => c.mentorId);
      expect(ranked).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5']);
    }
  });

  it('leaves out the hire, those already asked, the inactive and those without room', () => {
    const pool = [
      mentor('p-hire'),
      mentor('p-asked'),
      mentor('p-away', { active: false }),
      mentor('p-full', { maxMentees: 1, currentMentees: 1 }),
      mentor('p-busy', { hoursPerWeekAvailable: 8, currentHoursPerWeek: 4 }),
      mentor('p-exact', { hoursPerWeekAvailable: 9, currentHoursPerWeek: 4 }),
    ];
    expect(rankMentorCandidates(hire, pool, ['p-asked']).map((c) => c.mentorId)).toEqual(['p-exact']);
  });

  it('matches on nothing when the hire has no team or location yet, and returns nobody from an empty pool', () => {
    const ranked = rankMentorCandidates({ personId: 'p-hire', hoursPerWeek: 5 }, [mentor('p-1')], []);
    expect(ranked[0]).toMatchObject({ sameTeam: false, sameLocation: false });
    expect(rankMentorCandidates(hire, [], [])).toEqual([]);
  });
});

describe('room for one more mentee', () => {
  it('needs an active mentor below the mentee limit with at least the hours asked left', () => {
    expect(
      hasRoom(
        mentor('p-1', { maxMentees: 2, currentMentees: 1, hoursPerWeekAvailable: 10, currentHoursPerWeek: 5 }),
        5,
      ),
    ).toBe(true);
    expect(hasRoom(mentor('p-1', { maxMentees: 2, currentMentees: 2 }), 5)).toBe(false);
    expect(hasRoom(mentor('p-1', { hoursPerWeekAvailable: 10, currentHoursPerWeek: 6 }), 5)).toBe(false);
    expect(hasRoom(mentor('p-1', { active: false }), 5)).toBe(false);
    expect(remainingHours(mentor('p-1', { hoursPerWeekAvailable: 10, currentHoursPerWeek: 4 }))).toBe(6);
  });

  it('asks a mentor the pool lists twice only once, with the first listing', () => {
    const ranked = rankMentorCandidates(
      hire,
      [mentor('p-1', { experienceYears: 2 }), mentor('p-1', { experienceYears: 9 }), mentor('p-2')],
      [],
    );
    expect(ranked.map((candidate) => [candidate.mentorId, candidate.experienceYears])).toEqual([
      ['p-2', 5],
      ['p-1', 2],
    ]);
  });

  it('ranks a same-location mentor of another team above one elsewhere, and more time left first', () => {
    const pool = [mentor('p-far', { team: 'team-zuid', location: 'tiel' }), mentor('p-near', { team: 'team-zuid' })];
    expect(
      rankMentorCandidates(hire, pool, []).map((candidate) => [
        candidate.mentorId,
        candidate.sameTeam,
        candidate.sameLocation,
      ]),
    ).toEqual([
      ['p-near', false, true],
      ['p-far', false, false],
    ]);
    const time = [mentor('p-a', { hoursPerWeekAvailable: 6 }), mentor('p-b', { hoursPerWeekAvailable: 12 })];
    expect(
      rankMentorCandidates(hire, time, []).map((candidate) => [candidate.mentorId, candidate.remainingHoursPerWeek]),
    ).toEqual([
      ['p-b', 7],
      ['p-a', 1],
    ]);
  });
});

const profile = fc.record({
  id: fc.constantFrom('p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6', 'p-hire'),
  team: fc.constantFrom('team-noord', 'team-zuid'),
  location: fc.constantFrom('utrecht', 'tiel'),
  experienceYears: fc.integer({ min: 0, max: 40 }),
  hoursPerWeekAvailable: fc.integer({ min: 0, max: 16 }),
  maxMentees: fc.integer({ min: 0, max: 3 }),
  currentMentees: fc.integer({ min: 0, max: 3 }),
  currentHoursPerWeek: fc.integer({ min: 0, max: 16 }),
  active: fc.boolean(),
});
const needs = fc.record({
  personId: fc.constant('p-hire'),
  team: fc.option(fc.constantFrom('team-noord', 'team-zuid'), { nil: undefined }),
  location: fc.option(fc.constantFrom('utrecht', 'tiel'), { nil: undefined }),
  hoursPerWeek: fc.integer({ min: 1, max: 8 }),
});
const asked = fc.subarray(['p-1', 'p-2', 'p-3']);

describe('rankMentorCandidates, for any pool', () => {
  it('never offers the hire, one already asked, or a mentor without room', () => {
    fc.assert(
      fc.property(needs, fc.array(profile, { maxLength: 12 }), asked, (mentee, pool, alreadyAsked) => {
        for (const candidate of rankMentorCandidates(mentee, pool, alreadyAsked)) {
          expect(candidate.mentorId).not.toBe(mentee.personId);
          expect(alreadyAsked).not.toContain(candidate.mentorId);
          const source = pool.find((m) => m.id === candidate.mentorId)!;
          expect(hasRoom(source, mentee.hoursPerWeek)).toBe(true);
          expect(candidate.remainingHoursPerWeek).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('offers everyone eligible exactly once', () => {
    fc.assert(
      fc.property(
        needs,
        fc.uniqueArray(profile, { selector: (m) => m.id, maxLength: 7 }),
        asked,
        (mentee, pool, alreadyAsked) => {
          const eligible = pool.filter(
            (m) => m.id !== mentee.personId && !alreadyAsked.includes(m.id) && hasRoom(m, mentee.hoursPerWeek),
          );
          const ids = rankMentorCandidates(mentee, pool, alreadyAsked).map((c) => c.mentorId);
          expect([...ids].sort()).toEqual(eligible.map((m) => m.id).sort());
        },
      ),
    );
  });

  it('does not depend on the order of the pool', () => {
    fc.assert(
      fc.property(
        needs,
        fc
          .uniqueArray(profile, { selector: (m) => m.id, maxLength: 7 })
          .chain((pool) =>
            fc.tuple(fc.constant(pool), fc.shuffledSubarray(pool, { minLength: pool.length, maxLength: pool.length })),
          ),
        (mentee, [pool, shuffled]) => {
          expect(rankMentorCandidates(mentee, shuffled, [])).toEqual(rankMentorCandidates(mentee, pool, []));
        },
      ),
    );
  });

  it('never ranks a better-matching mentor below a worse one', () => {
    fc.assert(
      fc.property(needs, fc.array(profile, { maxLength: 12 }), (mentee, pool) => {
        const ranked = rankMentorCandidates(mentee, pool, []);
        const key = (c: (typeof ranked)[number]) => [
          Number(!c.sameTeam),
          Number(!c.sameLocation),
          -c.experienceYears,
          -c.remainingHoursPerWeek,
        ];
        for (let i = 1; i < ranked.length; i++) {
          const [previous, current] = [key(ranked[i - 1]!), key(ranked[i]!)];
          const firstDifference = previous.findIndex((value, index) => value !== current[index]);
          if (firstDifference === -1) expect(ranked[i - 1]!.mentorId < ranked[i]!.mentorId).toBe(true);
          else expect(previous[firstDifference]!).toBeLessThan(current[firstDifference]!);
        }
      }),
    );
  });
});
