import type { EventStore } from '../event-store/eventStore';
import { linkRehire, rehiredAs } from '../event-store/rehireLinks';
import { type HireRef, hireStreamName } from '../event-store/streamNames';
import { Problem } from '../problems/problem';
import type { JourneyOutcome } from '../../workflows/hireJourneyContract';

/** How a journey must have ended for its person to be registered again. */
const REHIRABLE_OUTCOMES: ReadonlySet<string> = new Set<JourneyOutcome>(['left', 'withdrawn']);

/**
 * Rehiring: a person whose journey ended as left or withdrawn is registered again under a new hire id with
 * `rehireOf`, and the two journeys are linked both ways — the new one's HireRegistered names the earlier hire, and
 * the earlier hire gets a RehireRegistered in a stream of its own (its hire stream is its journey's to write).
 */
export class Rehires {
  constructor(private readonly store: EventStore) {}

  /** Before anything is written: only a journey that has ended as left or withdrawn can be rehired. */
  async refuseUnlessRehirable(organisationId: string, hireId: string, rehireOf: string): Promise<void> {
    if (rehireOf === hireId) throw new Problem(409, 'rehire-of-current-hire', { hireId, rehireOf });
    let known = false;
    for await (const event of this.store.readStream(hireStreamName({ organisationId, hireId: rehireOf }))) {
      known = true;
      if (event.type === 'JourneyEnded' && REHIRABLE_OUTCOMES.has(String(event.data.outcome))) return;
    }
    if (!known) throw new Problem(422, 'rehire-of-unknown-hire', { rehireOf });
    throw new Problem(409, 'rehire-of-current-hire', { hireId, rehireOf });
  }

  /** Idempotent; `actor` is who registered the rehire (a person, an HR system's key, the HRIS connector). */
  link(organisationId: string, rehireOf: string, rehiredAs: string, actor: string): Promise<void> {
    return linkRehire(this.store, { organisationId, rehireOf, rehiredAs, actor });
  }

  /**
   * The later hires of a journey that ended with `outcome` (undefined while it runs). Only a journey that ended as
   * left or withdrawn can have any (refuseUnlessRehirable), so for every other one — the journeys people poll —
   * nothing is read.
   */
  async rehiredAs(hire: HireRef, outcome: JourneyOutcome | undefined): Promise<string[]> {
    return outcome !== undefined && REHIRABLE_OUTCOMES.has(outcome) ? rehiredAs(this.store, hire) : [];
  }
}
