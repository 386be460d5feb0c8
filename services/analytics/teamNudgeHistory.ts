/**
 * The nudges a team got, for HR and the managers (issue #13): read from `teamnudges-<organisation>`, per team and
 * indicator, never per person. The manager references the events keep (who was mailed) only decide which teams a
 * manager may see; they are not handed out.
 */
import type { EventStore } from '../event-store/eventStore';
import { teamNudgeStreamName } from './teamNudgeCheck';
import { type NudgeIndicator, crossingKey } from './teamNudgeCrossings';

export interface TeamNudgeEntry {
  readonly kind: 'sent' | 'cleared';
  readonly team: string;
  readonly indicator: NudgeIndicator;
  readonly crossing: number;
  readonly count: number;
  /** The threshold crossed; only a sent nudge records it. */
  readonly threshold?: number;
  readonly checkedOn: string;
  readonly recordedAt: string;
}

/** Newest first. `managerRef`: only the crossings that manager was mailed about, with their clearing. */
export async function teamNudgeHistory(
  store: EventStore,
  organisationId: string,
  options: { managerRef?: string } = {},
): Promise<TeamNudgeEntry[]> {
  const entries: TeamNudgeEntry[] = [];
  const mailedCrossings = new Set<string>();
  for await (const event of store.readStream(teamNudgeStreamName(organisationId))) {
    if (event.type !== 'TeamNudgeSent' && event.type !== 'TeamNudgeCleared') continue;
    const d = event.data as Record<string, unknown>;
    const team = String(d.team);
    const indicator = d.indicator as NudgeIndicator;
    const crossing = Number(d.crossing);
    const key = `${crossingKey(team, indicator)}#${crossing}`;
    if (options.managerRef !== undefined) {
      if (event.type === 'TeamNudgeSent') {
        if (!(Array.isArray(d.managerRefs) && d.managerRefs.includes(options.managerRef))) continue;
        mailedCrossings.add(key);
      } else if (!mailedCrossings.has(key)) continue;
    }
    entries.push({
      kind: event.type === 'TeamNudgeSent' ? 'sent' : 'cleared',
      team,
      indicator,
      crossing,
      count: Number(d.count),
      ...(typeof d.threshold === 'number' ? { threshold: d.threshold } : {}),
      checkedOn: String(d.checkedOn),
      recordedAt: event.recordedAt.toISOString(),
    });
  }
  return entries.reverse();
}
