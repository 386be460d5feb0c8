import { randomUUID } from 'node:crypto';
import { type MenteeNeeds, type MentorProfile, rankMentorCandidates } from '../../workflows/domain/mentorMatching';
import { JOURNEY_SYSTEM_ACTOR } from '../../workflows/hireJourneyContract';
import { appendDecided, appendOnce } from '../event-store/appendOnce';
import { deterministicEventId } from '../event-store/deterministicEventId';
import type { EventStore, RecordedEvent } from '../event-store/eventStore';

/** What a mentor offers; the load (mentees, hours given) follows from assignments and is never set by hand. */
export type MentorOffer = Omit<MentorProfile, 'currentMentees' | 'currentHoursPerWeek'>;

export const mentorPoolStreamName = (organisationId: string): string => `mentorpool-${organisationId}`;

/** Why a reservation ended without an assignment. */
export type ReservationRelease = 'declined' | 'expired' | 'withdrawn';

/** A place a journey takes of a mentor: asked and waiting for the answer (reserved), or accepted (assigned). */
interface Hold {
  readonly mentorRef: string;
  readonly hireId: string;
  readonly hoursPerWeek: number;
  readonly kind: 'reserved' | 'assigned';
}

/**
 * An organisation's mentor pool as one event stream: offers, reservations, assignments and releases. Folding it
 * gives each mentor's remaining capacity, so matching always sees the load that journeys actually put on people,
 * including the requests still waiting for an answer.
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

  /**
   * Takes a place with the best mentor who has room for this hire and returns them, or null when nobody has. The
   * choice and the reservation are one conditional append at the pool's revision the choice was made on: a journey
   * that reserved meanwhile makes it fail, and the choice is made again on the pool as it now is. A retried
   * activity finds the place it already holds (a mentor not yet asked) and takes no second one.
   */
  async reserve(organisationId: string, needs: MenteeNeeds, alreadyAsked: readonly string[]): Promise<string | null> {
    const stream = mentorPoolStreamName(organisationId);
    const asked = new Set(alreadyAsked);
    let chosen: string | null = null;
    await appendDecided(this.store, stream, (history) => {
      const pool = foldPool(history);
      const held = [...pool.holds.values()].find(
        (hold) => hold.hireId === needs.personId && hold.kind === 'reserved' && !asked.has(hold.mentorRef),
      );
      chosen = held?.mentorRef ?? rankMentorCandidates(needs, profilesOf(pool), alreadyAsked)[0]?.mentorId ?? null;
      if (held || !chosen) return undefined;
      return {
        id: deterministicEventId(stream, `reserve:${needs.personId}:${chosen}`),
        type: 'MentorReserved',
        data: { mentorRef: chosen, hireId: needs.personId, hoursPerWeek: needs.hoursPerWeek },
        metadata: { organisationId, actor: JOURNEY_SYSTEM_ACTOR },
      };
    });
    return chosen;
  }

  /** Frees the place a request held; nothing when it holds none (already released, or turned into the assignment). */
  async releaseReservation(
    organisationId: string,
    release: { mentorRef: string; hireId: string; reason: ReservationRelease },
  ): Promise<void> {
    const stream = mentorPoolStreamName(organisationId);
    await appendDecided(this.store, stream, (history) =>
      foldPool(history).holds.get(holdKey(release))?.kind === 'reserved'
        ? {
            id: deterministicEventId(stream, `release-reservation:${release.hireId}:${release.mentorRef}`),
            type: 'MentorReservationReleased',
            data: { ...release },
            metadata: { organisationId, actor: JOURNEY_SYSTEM_ACTOR },
          }
        : undefined,
    );
  }

  async profiles(organisationId: string): Promise<MentorProfile[]> {
    const history: RecordedEvent[] = [];
    for await (const event of this.store.readStream(mentorPoolStreamName(organisationId))) history.push(event);
    return profilesOf(foldPool(history));
  }
}

interface PoolState {
  readonly offers: Map<string, MentorOffer>;
  /** By hire and mentor. */
  readonly holds: Map<string, Hold>;
}

const holdKey = (hold: { hireId: string; mentorRef: string }): string => `${hold.hireId}:${hold.mentorRef}`;

function foldPool(history: readonly RecordedEvent[]): PoolState {
  const pool: PoolState = { offers: new Map(), holds: new Map() };
  for (const event of history) {
    const data = event.data as Record<string, unknown>;
    const hold = {
      mentorRef: String(data.mentorRef),
      hireId: String(data.hireId),
      hoursPerWeek: Number(data.hoursPerWeek),
    };
    switch (event.type) {
      case 'MentorOffered':
        pool.offers.set(String(data.id), data as unknown as MentorOffer);
        break;
      case 'MentorReserved':
        pool.holds.set(holdKey(hold), { ...hold, kind: 'reserved' });
        break;
      // An accepted request becomes the assignment: the place it held is the place the mentee now has.
      case 'MentorAssigned':
        pool.holds.set(holdKey(hold), { ...hold, kind: 'assigned' });
        break;
      case 'MentorReleased':
        pool.holds.delete(holdKey(hold));
        break;
      case 'MentorReservationReleased':
        if (pool.holds.get(holdKey(hold))?.kind === 'reserved') pool.holds.delete(holdKey(hold));
        break;
    }
  }
  return pool;
}

function profilesOf(pool: PoolState): MentorProfile[] {
  return [...pool.offers.values()].map((offer) => {
    const mine = [...pool.holds.values()].filter((hold) => hold.mentorRef === offer.id);
    return {
      ...offer,
      currentMentees: mine.length,
      currentHoursPerWeek: mine.reduce((sum, hold) => sum + hold.hoursPerWeek, 0),
    };
  });
}
