import { randomUUID } from 'node:crypto';
import type { SurveyTopic } from '../../workflows/domain/questionnaire';
import type { EventStore } from '../event-store/eventStore';
import { surveyTopicOwnersStreamName } from '../event-store/streamNames';
import { lastEvent } from '../event-store/lastEvent';

export interface SurveyTopicOwner {
  readonly topic: SurveyTopic;
  /** A person reference in the HR system (as a manager's or mentor's), never a name. */
  readonly ownerRef: string;
}

export interface SurveyTopicOwners {
  readonly owners: readonly SurveyTopicOwner[];
  readonly savedAt?: string;
  readonly savedBy?: string;
}

/**
 * Who follows up on which survey topic, per organisation: the whole list as `SurveyTopicOwnersSaved` each time it
 * changes, so the trail shows who named whom when. The yearly analysis reads the newest list when it runs.
 */
export class SurveyTopicOwnersStore {
  constructor(private readonly store: EventStore) {}

  async latest(organisationId: string): Promise<SurveyTopicOwners> {
    const event = await lastEvent(this.store, surveyTopicOwnersStreamName(organisationId));
    if (event) {
      const actor = event.metadata.actor;
      return {
        owners: (event.data as { owners: SurveyTopicOwner[] }).owners,
        savedAt: event.recordedAt.toISOString(),
        ...(typeof actor === 'string' ? { savedBy: actor } : {}),
      };
    }
    return { owners: [] };
  }

  /** The same list as the newest is a retry: answered with what is stored, recording nothing. */
  async save(organisationId: string, owners: readonly SurveyTopicOwner[], actor: string): Promise<SurveyTopicOwners> {
    const wanted = canonical(owners);
    const latest = await this.latest(organisationId);
    if (JSON.stringify(canonical(latest.owners)) === JSON.stringify(wanted)) return latest;
    await this.store.appendToStream(
      surveyTopicOwnersStreamName(organisationId),
      [
        {
          id: randomUUID(),
          type: 'SurveyTopicOwnersSaved',
          data: { organisationId, owners: wanted.map((owner) => ({ ...owner })) },
          metadata: { organisationId, actor },
        },
      ],
      // Last save wins: the list is replaced whole, and the trail keeps every earlier one.
      { expectedRevision: 'any' },
    );
    return this.latest(organisationId);
  }
}

/** In topic order, so that the same owners are the same list however they were sent. */
function canonical(owners: readonly SurveyTopicOwner[]): SurveyTopicOwner[] {
  return [...owners]
    .map((owner) => ({ topic: owner.topic, ownerRef: owner.ownerRef }))
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}
