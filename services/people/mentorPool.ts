import { randomUUID } from 'node:crypto';
import type { MentorProfile } from '../../workflows/domain/mentorMatching';
import { JOURNEY_SYSTEM_ACTOR } from '../../workflows/hireJourneyContract';
import { appendOnce } from '../event-store/appendOnce';
import { deterministicEventId } from '../event-store/deterministicEventId';
import type { EventStore, RecordedEvent } from '../event-store/eventStore';

/** What a mentor offers; the load (mentees, hours given) follows from assignments and is never set by hand. */
export type MentorOffer = Omit<MentorProfile, 'currentMentees' | 'currentHoursPerWeek'>;

export const mentorPoolStreamName = (organisationId: string): string => `mentorpool-${organisationId}`;

/**
 * An organisation's mentor pool as one event stream: offers, assignments and releases. Folding it gives each
 * mentor's remaining capacity, so matching always sees the load that journeys actually put on people.
 */
export class MentorPool {
  constructor(private readonly store: EventStore) {}

  async offer(organisationId: string, offer: MentorOffer, actor: string): Promise<void> {
    const stream = mentorPoolStreamName(organisationId);
    await this.store.appendToStream(
      stream,
      // A fresh id each time: the latest offer wins, so offering A, then B, then A again must leave A. Nothing is
      // promised once here, so `any` is right: every offer is appended.
      [{ id: randomUUID(), type: 'MentorOffered', data: { ...offer }, metadata: { organisationId, actor } }],
      { expectedRevision: 'any' },
    );
  }

  /** Idempotent per hire and mentor: a retried activity finds its own event and appends nothing. */
  async changeLoad(
    organisationId: string,
    change: { mentorRef: string; hireId: string; hoursPerWeek: number; kind: 'assign' | 'release' },
  ): Promise<void> {
    const stream = mentorPoolStreamName(organisationId);
    await appendOnce(this.store, stream, {
      id: deterministicEventId(stream, `${change.kind}:${change.hireId}:${change.mentorRef}`),
      type: change.kind === 'assign' ? 'MentorAssigned' : 'MentorReleased',
      data: { mentorRef: change.mentorRef, hireId: change.hireId, hoursPerWeek: change.hoursPerWeek },
      metadata: { organisationId, actor: JOURNEY_SYSTEM_ACTOR },
    });
  }

  async profiles(organisationId: string): Promise<MentorProfile[]> {
    const offers = new Map<string, MentorOffer>();
    const assignments = new Map<string, { mentorRef: string; hoursPerWeek: number }>();
    for await (const event of this.store.readStream(mentorPoolStreamName(organisationId)))
      fold(event, offers, assignments);
    return [...offers.values()].map((offer) => {
      const mine = [...assignments.values()].filter((assignment) => assignment.mentorRef === offer.id);
      return {
        ...offer,
        currentMentees: mine.length,
        currentHoursPerWeek: mine.reduce((sum, assignment) => sum + assignment.hoursPerWeek, 0),
      };
    });
  }
}

function fold(
  event: RecordedEvent,
  offers: Map<string, MentorOffer>,
  assignments: Map<string, { mentorRef: string; hoursPerWeek: number }>,
): void {
  const data = event.data as Record<string, unknown>;
  const key = `${String(data.hireId)}:${String(data.mentorRef)}`;
  if (event.type === 'MentorOffered') offers.set(String(data.id), data as unknown as MentorOffer);
  if (event.type === 'MentorAssigned')
    assignments.set(key, { mentorRef: String(data.mentorRef), hoursPerWeek: Number(data.hoursPerWeek) });
  if (event.type === 'MentorReleased') assignments.delete(key);
}
