import { newColleagues, periodOfDays } from './teamNudgeCheck';
import { type CrossingState, crossingKey, crossingStates, nudgeDecisions } from './teamNudgeCrossings';

const thresholds = { withoutMentor: 2, overdue: 3, noMentorAfterDays: 14 };
const team = (name: string | null, withoutMentor: number, overdue = 0) => ({
  team: name,
  hires: 10,
  withoutMentor,
  overdue,
  escalated: overdue,
  missedCheckIns: 0,
});

describe('when a team crosses a nudge threshold', () => {
  it('sends at the threshold, not under it, and never for hires without a team', () => {
    expect(nudgeDecisions([team('A', 1), team(null, 9, 9)], new Map(), thresholds)).toEqual([]);
    expect(nudgeDecisions([team('A', 2)], new Map(), thresholds)).toEqual([
      { kind: 'send', team: 'A', indicator: 'withoutMentor', count: 2, threshold: 2, crossing: 1 },
    ]);
    expect(nudgeDecisions([team('A', 0, 3)], new Map(), thresholds).map((decision) => decision.indicator)).toEqual([
      'overdue',
    ]);
  });

  it('sends once per crossing: not while over, a clear when under, and the next crossing again', () => {
    const over = new Map<string, CrossingState>([[crossingKey('A', 'withoutMentor'), { crossing: 1, over: true }]]);
    expect(nudgeDecisions([team('A', 5)], over, thresholds)).toEqual([]);
    expect(nudgeDecisions([team('A', 1)], over, thresholds)).toEqual([
      { kind: 'clear', team: 'A', indicator: 'withoutMentor', count: 1, threshold: 2, crossing: 1 },
    ]);
    const cleared = new Map<string, CrossingState>([[crossingKey('A', 'withoutMentor'), { crossing: 1, over: false }]]);
    expect(nudgeDecisions([team('A', 2)], cleared, thresholds)).toEqual([
      { kind: 'send', team: 'A', indicator: 'withoutMentor', count: 2, threshold: 2, crossing: 2 },
    ]);
  });

  it('clears a team that has no current hires left, and a threshold of 0 sends nothing', () => {
    const over = new Map<string, CrossingState>([[crossingKey('Weg', 'overdue'), { crossing: 3, over: true }]]);
    expect(nudgeDecisions([], over, thresholds)).toEqual([
      { kind: 'clear', team: 'Weg', indicator: 'overdue', count: 0, threshold: 3, crossing: 3 },
    ]);
    expect(nudgeDecisions([team('A', 9, 9)], new Map(), { ...thresholds, withoutMentor: 0, overdue: 0 })).toEqual([]);
  });

  it('folds the recorded events into the state', () => {
    const states = crossingStates([
      { type: 'TeamNudgeSent', data: { team: 'A', indicator: 'withoutMentor', crossing: 1 } },
      { type: 'TeamNudgeCleared', data: { team: 'A', indicator: 'withoutMentor', crossing: 1 } },
      { type: 'TeamNudgeSent', data: { team: 'A', indicator: 'withoutMentor', crossing: 2 } },
      { type: 'TeamNudgeSent', data: { team: 'B', indicator: 'overdue', crossing: 1 } },
    ]);
    expect(states.get(crossingKey('A', 'withoutMentor'))).toEqual({ crossing: 2, over: true });
    expect(states.get(crossingKey('B', 'overdue'))).toEqual({ crossing: 1, over: true });
    expect(states.get(crossingKey('B', 'withoutMentor'))).toBeUndefined();
  });

  it('words counts and periods as the issue does', () => {
    expect(newColleagues(2, 'nl')).toBe("twee nieuwe collega's");
    expect(newColleagues(1, 'nl')).toBe('één nieuwe collega');
    expect(newColleagues(14, 'en')).toBe('14 new colleagues');
    expect(periodOfDays(14, 'nl')).toBe('twee weken');
    expect(periodOfDays(7, 'en')).toBe('one week');
    expect(periodOfDays(10, 'nl')).toBe('10 dagen');
  });
});
