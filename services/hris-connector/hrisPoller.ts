import type { Logger } from '../shared/logger';
import { dutchDate, dutchTime } from '../shared/dutchClock';
import type { Clock } from './clock';
import { EmploymentSync } from './employmentSync';
import type { HrisConnector } from './hrisConnector';
import type { HrisSnapshots } from './hrisStore';
import type { JourneyDispatcher } from './journeyDispatcher';
import type { OrganisationSettings } from './organisations';

export interface PolledOrganisation {
  readonly settings: OrganisationSettings;
  readonly connector: HrisConnector;
}

/**
 * One round for one organisation: the nightly full reconcile when it is due, otherwise a changed-records poll;
 * then the pending records go to the journeys. Exported apart from the timer loop so tests can drive rounds.
 */
export async function pollRound(
  organisation: PolledOrganisation,
  deps: { store: HrisSnapshots; dispatcher: JourneyDispatcher; clock: Clock; logger: Logger },
): Promise<void> {
  const { settings, connector } = organisation;
  const sync = new EmploymentSync(connector, settings, deps.store, deps.clock, deps.logger);
  const outcome = reconcileDue(
    (await deps.store.cursor(settings.organisationId)).reconciledAt,
    settings.reconcileAt,
    deps.clock.now(),
  )
    ? await sync.reconcile()
    : await sync.poll();
  const dispatched = await deps.dispatcher.dispatchPending(settings.organisationId, connector);
  deps.logger.debug({ organisationId: settings.organisationId, ...outcome, dispatched }, 'HR-systeem gepeild');
}

/** Due once per Dutch calendar day, after `reconcileAt` (HH:MM, Dutch time); always due before the first one. */
export function reconcileDue(lastReconciledAt: number | undefined, reconcileAt: string, now: number): boolean {
  if (lastReconciledAt === undefined) return true;
  if (dutchTime(now) < reconcileAt) return false;
  return dutchDate(lastReconciledAt) < dutchDate(now) || dutchTime(lastReconciledAt) < reconcileAt;
}

/** Polls every organisation on its own interval until stopped; a failed round is logged and retried next interval. */
export function startPolling(
  organisations: readonly PolledOrganisation[],
  deps: { store: HrisSnapshots; dispatcher: JourneyDispatcher; clock: Clock; logger: Logger },
): { stop(): Promise<void> } {
  const controller = new AbortController();
  const loops = organisations.map(async (organisation) => {
    while (!controller.signal.aborted) {
      try {
        await pollRound(organisation, deps);
      } catch (error) {
        deps.logger.error(
          { err: error, organisationId: organisation.settings.organisationId },
          'peilen van het HR-systeem mislukt',
        );
      }
      await abortableDelay(organisation.settings.pollIntervalMs, controller.signal);
    }
  });
  return {
    stop: async () => {
      controller.abort();
      await Promise.all(loops);
    },
  };
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
