/**
 * When a team's leading indicator crosses its threshold (issue #13): pure over the indicators of today and what
 * the team-nudge stream recorded, so "once per crossing" is decided in one place and tested without a clock.
 */
import type { TeamIndicators } from './retentionReport';

export const NUDGE_INDICATORS = ['withoutMentor', 'overdue'] as const;
export type NudgeIndicator = (typeof NUDGE_INDICATORS)[number];

/** How many new colleagues of one team make a nudge; 0 turns the indicator's nudge off. */
export interface TeamNudgeThresholds {
  readonly withoutMentor: number;
  readonly overdue: number;
  /** The N of "no mentor after N days". */
  readonly noMentorAfterDays: number;
}

/** The last recorded crossing of one team and indicator, and whether the team is still over the threshold. */
export interface CrossingState {
  readonly crossing: number;
  readonly over: boolean;
}

export type CrossingKey = string;
export const crossingKey = (team: string, indicator: NudgeIndicator): CrossingKey => JSON.stringify([team, indicator]);

export interface NudgeDecision {
  readonly kind: 'send' | 'clear';
  readonly team: string;
  readonly indicator: NudgeIndicator;
  readonly count: number;
  readonly threshold: number;
  /** The crossing this decision starts (send) or ends (clear). */
  readonly crossing: number;
}

/** Folds the stream's TeamNudgeSent / TeamNudgeCleared events into the state per team and indicator. */
export function crossingStates(
  events: Iterable<{ type: string; data: Record<string, unknown> }>,
): Map<CrossingKey, CrossingState> {
  const states = new Map<CrossingKey, CrossingState>();
  for (const { type, data } of events) {
    if (type !== 'TeamNudgeSent' && type !== 'TeamNudgeCleared') continue;
    states.set(crossingKey(String(data.team), data.indicator as NudgeIndicator), {
      crossing: Number(data.crossing),
      over: type === 'TeamNudgeSent',
    });
  }
  return states;
}

/**
 * A team at or over the threshold that is not yet recorded as over it gets a nudge (the next crossing); a team
 * recorded as over it that is under it now (or has no current hires left) clears, so a later crossing nudges
 * again. Hires without a team have no manager to nudge as a team and are left out.
 */
export function nudgeDecisions(
  teams: readonly TeamIndicators[],
  states: ReadonlyMap<CrossingKey, CrossingState>,
  thresholds: TeamNudgeThresholds,
): NudgeDecision[] {
  const decisions: NudgeDecision[] = [];
  const seen = new Set<CrossingKey>();
  for (const team of teams) {
    if (team.team === null) continue;
    for (const indicator of NUDGE_INDICATORS) {
      const key = crossingKey(team.team, indicator);
      seen.add(key);
      const threshold = thresholds[indicator];
      const state = states.get(key);
      const count = team[indicator];
      if (threshold > 0 && count >= threshold) {
        if (!state?.over)
          decisions.push({
            kind: 'send',
            team: team.team,
            indicator,
            count,
            threshold,
            crossing: (state?.crossing ?? 0) + 1,
          });
      } else if (state?.over) {
        decisions.push({ kind: 'clear', team: team.team, indicator, count, threshold, crossing: state.crossing });
      }
    }
  }
  for (const [key, state] of states) {
    if (seen.has(key) || !state.over) continue;
    const [team, indicator] = JSON.parse(key) as [string, NudgeIndicator];
    decisions.push({
      kind: 'clear',
      team,
      indicator,
      count: 0,
      threshold: thresholds[indicator],
      crossing: state.crossing,
    });
  }
  return decisions;
}
