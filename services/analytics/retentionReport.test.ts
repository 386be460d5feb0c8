import { join } from 'node:path';
import { addDays } from '../../workflows/domain/calendar';
import type { SqliteEventStore } from '../event-store/sqliteEventStore';
import { useFoldedReadModels } from '../../test/support/foldedReadModels';
import { HireScript, startSteps } from '../../test/fixtures/journeyScript';
import { ALL_PROJECTIONS, catchUp, openReadModels, retentionRows } from '../projections';
import {
  cohortRetention,
  exitThemes,
  leadingIndicators,
  missedStepsByOutcome,
  observedOutflow,
} from './retentionReport';

const ORG = 'retention-report';
const TODAY = '2026-01-05';

interface Plan {
  readonly id: string;
  readonly team: string;
  readonly startDate: string;
  /** Days after the start of the last working day; undefined: still employed. */
  readonly leavesAfter?: number;
  readonly reasons?: string[];
  readonly mentorAfter?: number;
  readonly withdrawn?: boolean;
  /** Days before TODAY a mentor meeting is logged on, in the order they are logged. */
  readonly meetings?: number[];
}

/** Noord: 8 hires in Q1 2025, 6 of them leave with an exit interview; Zuid: 7 in Q2, 5 leave; West: 3 in Q2, 2 have given notice. */
function plans(): Plan[] {
  const list: Plan[] = [];
  for (let i = 0; i < 8; i += 1) {
    list.push({
      id: `noord-${i}`,
      team: 'Team Noord',
      startDate: '2025-01-06',
      ...(i < 6
        ? { leavesAfter: 30 * (i + 1), reasons: i % 2 === 0 ? ['workload'] : ['workload', 'career-opportunities'] }
        : // Noord's stayers: one met a week ago (and logs an older meeting after it), one three weeks ago.
          { mentorAfter: 3, meetings: i === 6 ? [7, 30] : [20] }),
    });
  }
  // Zuid and West start in Q2: the first few leave on the same day for one reason, the others stay with a mentor.
  const q2Teams = [
    {
      key: 'zuid',
      team: 'Team Zuid',
      hires: 7,
      leavers: 5,
      leavesAfter: 200,
      reason: 'little-manager-support',
      mentorAfter: 30,
    },
    {
      key: 'west',
      team: 'Team West',
      hires: 3,
      leavers: 2,
      leavesAfter: 400,
      reason: 'work-private-balance',
      mentorAfter: 0,
    },
  ];
  for (const q2 of q2Teams) {
    for (let i = 0; i < q2.hires; i += 1) {
      list.push({
        id: `${q2.key}-${i}`,
        team: q2.team,
        startDate: '2025-04-07',
        ...(i < q2.leavers ? { leavesAfter: q2.leavesAfter, reasons: [q2.reason] } : { mentorAfter: q2.mentorAfter }),
      });
    }
  }
  list.push({ id: 'withdrawn-1', team: 'Team Noord', startDate: '2025-02-03', withdrawn: true });
  return list;
}

async function writeJourneys(store: SqliteEventStore): Promise<void> {
  for (const plan of plans()) {
    const hire = new HireScript(store, ORG, plan.id);
    const registeredOn = addDays(plan.startDate, -28);
    await hire.append(...startSteps(registeredOn, { startDate: plan.startDate, team: plan.team }));
    if (plan.withdrawn) {
      await hire.append(
        { day: addDays(registeredOn, 3), type: 'CandidateWithdrawn', data: { reason: 'andere baan' } },
        { day: addDays(registeredOn, 3), type: 'JourneyEnded', data: { outcome: 'withdrawn' } },
      );
      continue;
    }
    if (plan.mentorAfter !== undefined) {
      await hire.append({
        day: addDays(plan.startDate, plan.mentorAfter),
        type: 'MentorAccepted',
        data: { mentorRef: 'm-1', hoursPerWeek: 5 },
      });
      for (const daysAgo of plan.meetings ?? []) {
        await hire.append({
          day: addDays(TODAY, -1),
          type: 'MentorMeetingLogged',
          data: { mentorRef: 'm-1', on: addDays(TODAY, -daysAgo), minutes: 60, loggedBy: 'mentor' },
        });
      }
    } else {
      await hire.append({ day: addDays(plan.startDate, 2), type: 'MentorDeclined', data: { mentorRef: 'm-2' } });
      await hire.append({
        day: addDays(plan.startDate, 20),
        type: 'TaskEscalated',
        data: {
          itemId: 'milestone:first-month-without-caseload',
          title: 'Eerste maand',
          dueDate: addDays(plan.startDate, 10),
          ownerRole: 'manager',
          mailDelivered: true,
        },
      });
    }
    if (plan.leavesAfter !== undefined) {
      const last = addDays(plan.startDate, plan.leavesAfter);
      // Notice is given 20 days ahead; the exit interview is held during the notice, the journey ends on the last day.
      const interviewed = last < TODAY ? last : addDays(TODAY, -1);
      await hire.append(
        {
          day: addDays(last, -20) < TODAY ? addDays(last, -20) : addDays(TODAY, -2),
          type: 'TerminationRegistered',
          data: { lastWorkingDay: last },
        },
        { day: interviewed, type: 'ExitInterviewHeld', data: { reasons: plan.reasons ?? [], wouldHaveKept: [] } },
      );
      if (last < TODAY) await hire.append({ day: last, type: 'JourneyEnded', data: { outcome: 'left' } });
    }
  }
}

describe('retention analytics over the read model', () => {
  const folded = useFoldedReadModels('soft-landing-retention-', writeJourneys);

  it('counts hires, stayers, leavers and withdrawals per start quarter and team', () => {
    const { groups } = cohortRetention(retentionRows(folded.db, ORG), {
      period: 'quarter',
      groupBy: ['team'],
      today: TODAY,
    });
    expect(
      groups.map((group) => [
        group.cohort,
        group.dimensions.team,
        group.hires,
        group.stillEmployed,
        group.left,
        group.withdrawn,
        group.earlyLeavers,
      ]),
    ).toEqual([
      ['2025-Q1', 'Team Noord', 9, 2, 6, 1, 6],
      ['2025-Q2', 'Team West', 3, 3, 0, 0, 0],
      ['2025-Q2', 'Team Zuid', 7, 2, 5, 0, 5],
    ]);
    const noord = groups[0]!;
    // Leavers on days 30, 60, ..., 180 out of 8 who started; both stayers observed 364 days: S(90) = 5/8, S(183) = 2/8.
    expect(noord.retention.days90).toBeCloseTo(5 / 8, 12);
    expect(noord.retention.months6).toBeCloseTo(2 / 8, 12);
    expect(noord.retention.year1).toBeNull();
  });

  it('draws one Kaplan–Meier curve per cohort, censoring the hires still employed', () => {
    const { curves } = cohortRetention(retentionRows(folded.db, ORG), { period: 'quarter', groupBy: [], today: TODAY });
    const q2 = curves.find((curve) => curve.cohort === '2025-Q2')!;
    // 10 started on 2025-04-07 (observed 273 days): 5 leave on day 200; West's leavers are still under notice.
    expect(q2).toEqual({
      cohort: '2025-Q2',
      observations: 10,
      followUpDays: 273,
      points: [
        { day: 0, survival: 1 },
        { day: 200, survival: 0.5 },
      ],
    });
  });

  it('shows exit reasons only for groups of five or more, hiding another team where a total would give one away', () => {
    const { groups } = exitThemes(retentionRows(folded.db, ORG), { view: 'team', period: 'quarter' });
    // West: 2 interviewed during their notice, under the minimum; Zuid (5) is hidden too, or the organisation's
    // total minus Noord and Zuid would be West's.
    expect(groups.map((group) => [group.team, group.interviewed, group.suppressed])).toEqual([
      ['Team Noord', 6, false],
      ['Team West', null, true],
      ['Team Zuid', null, true],
    ]);
    expect(groups[0]!.reasons).toEqual([
      { code: 'workload', count: 6 },
      { code: 'career-opportunities', count: 3 },
    ]);
    expect(groups[0]!.themes).toEqual([
      { theme: 'workload', count: 6 },
      { theme: 'development', count: 3 },
    ]);
  });

  it('compares missed steps of leavers and stayers as group rates', () => {
    const result = missedStepsByOutcome(retentionRows(folded.db, ORG), { today: TODAY });
    expect(result.leavers).toMatchObject({
      size: 11,
      suppressed: false,
      rates: { noMentorInTime: 1, declinedMentor: 1, escalatedMilestone: 1, escalatedTask: 0 },
    });
    // Stayers: Noord's two (mentor on day 3), Zuid's two (day 30: too late), West's three (the two under notice never had one).
    expect(result.stayers).toMatchObject({ size: 7, suppressed: false });
    expect(result.stayers.rates!.noMentorInTime).toBeCloseTo(4 / 7, 12);
    expect(result.stayers.rates!.declinedMentor).toBeCloseTo(2 / 7, 12);
  });

  it('gives leading indicators per team for hires in their first year', () => {
    expect(leadingIndicators(retentionRows(folded.db, ORG), { today: TODAY })).toEqual([
      { team: 'Team Noord', hires: 2, withoutMentor: 0, overdue: 0, escalated: 0, missedCheckIns: 1 },
      { team: 'Team West', hires: 3, withoutMentor: 2, overdue: 2, escalated: 2, missedCheckIns: 1 },
      { team: 'Team Zuid', hires: 2, withoutMentor: 2, overdue: 0, escalated: 0, missedCheckIns: 2 },
    ]);
    // With three weeks' leeway Noord's stayer who met three weeks ago (exactly 20 days) is on time.
    expect(
      leadingIndicators(retentionRows(folded.db, ORG), { today: TODAY, checkInWithinDays: 20 }).map(
        (t) => t.missedCheckIns,
      ),
    ).toEqual([0, 1, 2]);
  });

  it('measures the mentor hours the journeys ran for the cost calculator', () => {
    const observed = observedOutflow(retentionRows(folded.db, ORG), { today: TODAY });
    expect(observed.hiresByRole).toEqual({ Jeugdzorgwerker: 18 });
    expect(observed.earlyLeaversByRole).toEqual({ Jeugdzorgwerker: 11 });
    // Noord 2 × (364 − 3) days, Zuid 2 × (273 − 30), West 1 × 273; 5 hours a week.
    expect(observed.mentorHours).toBeCloseTo(((2 * 361 + 2 * 243 + 273) / 7) * 5, 9);
    expect(observed.mentoredHires).toBe(5);
  });

  it('folds the same rows live, event by event, as in a rebuild', async () => {
    const live = openReadModels(join(folded.directory, 'live.sqlite'));
    await catchUp(folded.store, live, ALL_PROJECTIONS, { batchSize: 7 });
    expect(retentionRows(live, ORG)).toEqual(retentionRows(folded.db, ORG));
    live.close();
  });
});
