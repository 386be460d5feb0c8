import type { EventStore } from '../../services/event-store/eventStore';
import { hireStreamName } from '../../services/event-store/streamNames';
import type { IsoDate } from '../../workflows/domain/calendar';
import { startSteps, toNewEvents } from '../fixtures/journeyScript';

export interface StartedHire {
  hireId: string;
  registeredOn: IsoDate;
  startDate: IsoDate;
  /** "Team Tiel": the hire's location is the team's town, as the HR overview's filters expect of real data. */
  team: string;
  managerRef: string;
  role?: string;
}

/**
 * A hire's new stream as the journey writes it when it starts (HireRegistered with the team's town as location,
 * JourneyStarted): for the HR overview's list, its filters and their choices, folded from real events.
 */
export async function appendStartedHire(store: EventStore, organisationId: string, hire: StartedHire): Promise<void> {
  const { hireId, registeredOn, ...registration } = hire;
  const [registered, started] = startSteps(registeredOn, registration);
  const location = hire.team.replace('Team ', '');
  await store.appendToStream(
    hireStreamName({ organisationId, hireId }),
    toNewEvents(organisationId, hireId, [{ ...registered!, data: { ...registered!.data, location } }, started!]),
    { expectedRevision: 'no_stream' },
  );
}
