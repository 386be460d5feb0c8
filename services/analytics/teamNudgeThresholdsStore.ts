import type { EventStore } from '../event-store/eventStore';
import { saveNextVersion } from '../templates/versionedStreams';
import type { TeamNudgeThresholds } from './teamNudgeCrossings';
import { lastEvent } from '../event-store/lastEvent';

export const teamNudgeThresholdsStreamName = (organisationId: string): string =>
  `teamnudgethresholds-${organisationId}`;

export interface VersionedTeamNudgeThresholds extends TeamNudgeThresholds {
  /** 0: never saved; the thresholds are then the deployment's defaults (TEAM_NUDGE_* settings). */
  readonly version: number;
  readonly savedAt?: string;
  readonly savedBy?: string;
}

/** `latest` is the newest version when the save lost a race or was not the next version. */
export class TeamNudgeThresholdsVersionConflictError extends Error {
  constructor(readonly latest: number) {
    super(`Team nudge thresholds are at version ${latest}; the next is ${latest + 1}`);
    this.name = 'TeamNudgeThresholdsVersionConflictError';
  }
}

/**
 * An organisation's own team-nudge thresholds, versioned as `TeamNudgeThresholdsSaved` events (version n at
 * revision n-1) like the cost settings: what a team is nudged at is HR's choice per organisation, and the trail
 * shows who changed it when. An organisation that never saved any uses the deployment's defaults.
 */
export class TeamNudgeThresholdsStore {
  constructor(
    private readonly store: EventStore,
    private readonly defaults: TeamNudgeThresholds,
  ) {}

  async latest(organisationId: string): Promise<VersionedTeamNudgeThresholds> {
    const event = await lastEvent(this.store, teamNudgeThresholdsStreamName(organisationId));
    if (event) {
      const data = event.data as unknown as TeamNudgeThresholds & { version: number };
      const actor = event.metadata.actor;
      return {
        version: data.version,
        ...canonical(data),
        savedAt: event.recordedAt.toISOString(),
        ...(typeof actor === 'string' ? { savedBy: actor } : {}),
      };
    }
    return { version: 0, ...canonical(this.defaults) };
  }

  /** Saves `version` (the newest plus one). The newest again with the same thresholds is a retry, answered with it. */
  async save(
    organisationId: string,
    version: number,
    thresholds: TeamNudgeThresholds,
    actor: string,
  ): Promise<VersionedTeamNudgeThresholds> {
    const wanted = canonical(thresholds);
    return saveNextVersion(
      this.store,
      teamNudgeThresholdsStreamName(organisationId),
      {
        version,
        type: 'TeamNudgeThresholdsSaved',
        data: { organisationId, version, ...wanted },
        content: wanted,
        organisationId,
        actor,
      },
      {
        latest: () => this.latest(organisationId),
        // Version 0 is the deployment's defaults, never a save to answer a retry with.
        holds: (stored) => stored.version > 0 && same(stored, wanted),
        conflict: (latest) => new TeamNudgeThresholdsVersionConflictError(latest),
      },
    );
  }
}

function canonical(thresholds: TeamNudgeThresholds): TeamNudgeThresholds {
  return {
    withoutMentor: thresholds.withoutMentor,
    overdue: thresholds.overdue,
    noMentorAfterDays: thresholds.noMentorAfterDays,
  };
}

const same = (a: TeamNudgeThresholds, b: TeamNudgeThresholds) =>
  a.withoutMentor === b.withoutMentor && a.overdue === b.overdue && a.noMentorAfterDays === b.noMentorAfterDays;
