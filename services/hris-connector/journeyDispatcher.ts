import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  hireJourneyWorkflowId,
  hrisStartDateChangedSignal,
  hrisTerminationSignal,
} from '../../workflows/hireJourneyContract';
import type { PeopleDirectory } from '../people/peopleDirectory';
import type { HireRegistration } from '../registration/hireRegistration';
import type { Logger } from '../shared/logger';
import type { Clock } from './clock';
import type { HrisChange } from './employmentChanges';
import type { HrisConnector } from './hrisConnector';
import type { DispatchOutcome, HrisSnapshots } from './hrisStore';

export interface DispatcherDeps {
  /** For the running journeys' signals. */
  readonly client: Client;
  /** Starts a reported hire's journey the one way every entry point does (services/registration). */
  readonly registration: HireRegistration;
  readonly store: HrisSnapshots;
  /** Where the hire's and the manager's names and addresses go (never into a record or an event). */
  readonly directory?: PeopleDirectory;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Who the journey records as the source of what the HR system told it. */
export const hrisActor = (connector: Pick<HrisConnector, 'hris' | 'tenantId'>): string =>
  `hris:${connector.hris}:${connector.tenantId}`;

/**
 * Works off an organisation's pending change records in order: hires start journeys (the workflow id makes a
 * second start impossible), start-date changes and terminations reach the running journey as signals.
 * A record that fails stays pending and holds back the ones after it, so a journey never gets a termination
 * before its start.
 */
export class JourneyDispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  async dispatchPending(organisationId: string, connector: HrisConnector): Promise<number> {
    let dispatched = 0;
    for (const stored of await this.deps.store.changes(organisationId, { pendingOnly: true })) {
      try {
        const outcome = await this.dispatch(stored.change, connector);
        await this.deps.store.markDispatched(stored.change.id, outcome, new Date(this.deps.clock.now()));
        dispatched += 1;
      } catch (error) {
        await this.deps.store.markFailed(stored.change.id, error instanceof Error ? error.message : String(error));
        this.deps.logger.error(
          { err: error, organisationId, changeId: stored.change.id },
          'wijziging niet aan het traject doorgegeven; volgende ronde opnieuw',
        );
        break;
      }
    }
    return dispatched;
  }

  private async dispatch(change: HrisChange, connector: HrisConnector): Promise<DispatchOutcome> {
    // Employments that started before the connector (or outside the hire window) have no journey to tell.
    if (change.hireId === null) return 'not-followed';
    const workflowId = hireJourneyWorkflowId(change.organisationId, change.hireId);
    const actor = hrisActor(connector);
    switch (change.kind) {
      case 'HireRegistered':
      case 'Rehired':
        return this.start(change, change.hireId, actor, connector);
      case 'StartDateChanged':
        return this.signal(() =>
          this.deps.client.workflow
            .getHandle(workflowId)
            .signal(hrisStartDateChangedSignal, { startDate: change.startDate!, actor }),
        );
      case 'TerminationRegistered':
        return this.signal(() =>
          this.deps.client.workflow
            .getHandle(workflowId)
            .signal(hrisTerminationSignal, { lastWorkingDay: change.lastWorkingDay!, actor }),
        );
      case 'EmploymentChanged':
        // The journey contract has no message for a transfer or a moved discharge date yet: recorded only.
        return 'recorded';
    }
  }

  private async start(
    change: HrisChange,
    hireId: string,
    actor: string,
    connector: HrisConnector,
  ): Promise<DispatchOutcome> {
    const journey = change.journey!;
    // Before the journey starts, so its first mails find the addresses.
    await this.keepContact(change.organisationId, hireId, change.source.remotePersonId, connector, 'new-hire');
    if (journey.managerRef)
      await this.keepContact(change.organisationId, journey.managerRef, journey.managerRef, connector, 'manager');
    return this.deps.registration.registerReported({
      input: { organisationId: change.organisationId, hireId, ...journey, actor },
      changeId: change.id,
    });
  }

  private async signal(send: () => Promise<void>): Promise<DispatchOutcome> {
    try {
      await send();
      return 'signalled';
    } catch (error) {
      // The journey ended (or never started): the fact stays recorded here, there is nobody to tell.
      if (error instanceof WorkflowNotFoundError) return 'no-running-journey';
      throw error;
    }
  }

  private async keepContact(
    organisationId: string,
    personRef: string,
    remotePersonId: string,
    connector: HrisConnector,
    who: string,
  ): Promise<void> {
    if (!this.deps.directory) return;
    const person = await connector.getPerson(remotePersonId);
    // INFERRED: before day one a business mailbox may not exist yet, so the private address is preferred for the new hire.
    const email =
      who === 'new-hire' ? (person?.privateEmail ?? person?.workEmail) : (person?.workEmail ?? person?.privateEmail);
    if (!person || !email) {
      this.deps.logger.warn(
        { organisationId, personRef, who },
        'geen e-mailadres in het HR-systeem; het traject legt vast dat mail niet kon',
      );
      return;
    }
    await this.deps.directory.upsert({
      organisationId,
      personRef,
      displayName: person.displayName,
      email,
      language: 'nl',
    });
  }
}
