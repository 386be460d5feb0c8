import type { CostLineSetting, CostSettings } from '../../workflows/domain/costCalculator';
import type { EventStore } from '../event-store/eventStore';
import { saveNextVersion } from '../templates/versionedStreams';
import { lastEvent } from '../event-store/lastEvent';

export const costSettingsStreamName = (organisationId: string): string => `costsettings-${organisationId}`;

export interface VersionedCostSettings extends CostSettings {
  /** 0: never saved (no lines). */
  readonly version: number;
  readonly savedAt?: string;
  readonly savedBy?: string;
}

/** `latest` is the newest version when the save lost a race or was not the next version. */
export class CostSettingsVersionConflictError extends Error {
  constructor(readonly latest: number) {
    super(`Cost settings are at version ${latest}; the next is ${latest + 1}`);
    this.name = 'CostSettingsVersionConflictError';
  }
}

/**
 * The organisation's cost calculator settings, versioned as `CostSettingsSaved` events (version n at revision n-1),
 * like vacancy profiles: a board can see which settings a figure was computed with, and a stale edit is refused.
 */
export class CostSettingsStore {
  constructor(private readonly store: EventStore) {}

  async latest(organisationId: string): Promise<VersionedCostSettings> {
    const event = await lastEvent(this.store, costSettingsStreamName(organisationId));
    if (event) {
      const data = event.data as unknown as { version: number; lines: CostLineSetting[] };
      const actor = event.metadata.actor;
      return {
        version: data.version,
        lines: data.lines,
        savedAt: event.recordedAt.toISOString(),
        ...(typeof actor === 'string' ? { savedBy: actor } : {}),
      };
    }
    return { version: 0, lines: [] };
  }

  /** Saves `version` (the newest plus one). The newest again with the same lines is a retry, answered with what is stored. */
  async save(
    organisationId: string,
    version: number,
    settings: CostSettings,
    actor: string,
  ): Promise<VersionedCostSettings> {
    const lines = settings.lines.map(canonicalLine);
    return saveNextVersion(
      this.store,
      costSettingsStreamName(organisationId),
      {
        version,
        type: 'CostSettingsSaved',
        data: { organisationId, version, lines: lines.map((line) => ({ ...line })) },
        content: lines,
        organisationId,
        actor,
      },
      {
        latest: () => this.latest(organisationId),
        holds: (stored) => JSON.stringify(stored.lines.map(canonicalLine)) === JSON.stringify(lines),
        conflict: (latest) => new CostSettingsVersionConflictError(latest),
      },
    );
  }
}

function canonicalLine(line: CostLineSetting): CostLineSetting {
  return {
    line: line.line,
    ...(line.role === undefined ? {} : { role: line.role }),
    hours: line.hours,
    hourlyRate: line.hourlyRate,
    outOfPocket: line.outOfPocket,
  };
}
