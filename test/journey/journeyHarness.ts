import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Duration } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { withContracts } from '../../services/event-store/withContracts';
import type { CheckpointStore, EventStore } from '../../services/event-store/eventStore';
import { hireStreamName } from '../../services/event-store/streamNames';
import type { RecordedEvent } from '../../services/event-store/eventStore';
import type { MentorPool, MentorOffer } from '../../services/people/mentorPool';
import { roleMailboxRef } from '../../services/people/peopleDirectory';
import { createLogger } from '../../services/shared/logger';
import { installTemporalRuntime } from '../../services/shared/temporalRuntime';
import { openJourneyDeps } from '../../services/worker/journeyDeps';
import { createJourneyActivities } from '../../services/worker/journeyActivities';
import { journeyBundlerOptions } from '../../services/worker/createWorker';
import { type IsoDate, addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { type HireJourneyInput, hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import type { JourneyActivities } from '../../workflows/journeyActivities';
import { mentorOffered } from '../fixtures/journeyScript';
import { SmtpSink } from '../support/smtpSink';
import { createTimeSkippingEnvironment } from '../support/timeSkipping';

export const ORGANISATION = 'jeugdzorg-rivierenland';
export const ADDRESSES = {
  hire: 'sanne@voorbeeld.test',
  manager: 'leidinggevende@voorbeeld.test',
  hr: 'hr@voorbeeld.test',
  team: 'team@voorbeeld.test',
  it: 'ict@voorbeeld.test',
  facilities: 'facilitair@voorbeeld.test',
};

/**
 * A whole journey on Temporal's time-skipping server with every real part behind it: a SQLite event store,
 * the people directory, the mentor pool, the journey templates and mail over real SMTP to an in-process server.
 */
export class JourneyHarness {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly worker: Worker,
    private readonly workerRun: Promise<void>,
    /** As the services see it: every append checked against contracts/events, hire streams hash-chained. */
    readonly store: EventStore & CheckpointStore,
    readonly mentorPool: MentorPool,
    readonly smtp: SmtpSink,
    readonly taskQueue: string,
    readonly deps: Awaited<ReturnType<typeof openJourneyDeps>>,
  ) {}

  /**
   * `workflowsPath`: another bundle of the journey, e.g. a journey's code from before a change (legacyWorkflows.ts).
   * `templateLoadDelayMs`: the template loads this much slower, past the workflow task's heartbeat (startRace.test.ts).
   */
  static async start(options: { workflowsPath?: string; templateLoadDelayMs?: number } = {}): Promise<JourneyHarness> {
    const logger = createLogger('journey-test', process.env.TEST_LOG_LEVEL ?? 'warn');
    installTemporalRuntime(logger);
    const env = await createTimeSkippingEnvironment();
    const dir = mkdtempSync(join(tmpdir(), 'soft-landing-journey-'));
    const store = withContracts(new SqliteEventStore(join(dir, 'events.sqlite')));
    const smtp = await SmtpSink.start();
    const deps = await openJourneyDeps(
      {
        peopleDbPath: join(dir, 'people.sqlite'),
        publicBaseUrl: 'https://zachte-landing.test',
        mail: { smtpUrl: smtp.url, from: 'Zachte Landing <noreply@zachte-landing.test>' },
      },
      store,
      logger,
    );
    for (const [role, email] of Object.entries({
      hr: ADDRESSES.hr,
      team: ADDRESSES.team,
      it: ADDRESSES.it,
      facilities: ADDRESSES.facilities,
    })) {
      await deps.directory.upsert({
        organisationId: ORGANISATION,
        personRef: roleMailboxRef(role),
        displayName: `Team ${role}`,
        email,
        language: 'nl',
      });
    }
    await deps.directory.upsert({
      organisationId: ORGANISATION,
      personRef: roleMailboxRef('organisation'),
      displayName: 'Jeugdzorg Rivierenland',
      email: 'info@voorbeeld.test',
      language: 'nl',
    });
    await deps.directory.upsert({
      organisationId: ORGANISATION,
      personRef: 'manager-1',
      displayName: 'Marieke de Leidinggevende',
      email: ADDRESSES.manager,
      language: 'nl',
    });
    const taskQueue = `journey-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: options.workflowsPath ?? require.resolve('../../workflows'),
      bundlerOptions: journeyBundlerOptions(),
      activities: withTemplateLoadDelay(createJourneyActivities(deps), options.templateLoadDelayMs ?? 0),
    });
    const workerRun = worker.run();
    return new JourneyHarness(env, worker, workerRun, store, deps.mentorPool, smtp, taskQueue, deps);
  }

  async stop(): Promise<void> {
    this.worker.shutdown();
    await this.workerRun;
    await this.deps.close();
    await this.store.close();
    await this.smtp.stop();
    await this.env.teardown();
  }

  async today(): Promise<IsoDate> {
    return isoDateOfEpochMs(await this.env.currentTimeMs());
  }

  /** Mentors with a contact each (`<id>@voorbeeld.test`), so their mails can be delivered. */
  async offerMentors(offers: readonly MentorOffer[]): Promise<void> {
    for (const offer of offers) {
      await this.mentorPool.offer(ORGANISATION, offer, 'test');
      await this.deps.directory.upsert({
        organisationId: ORGANISATION,
        personRef: offer.id,
        displayName: `Mentor ${offer.id}`,
        email: `${offer.id}@voorbeeld.test`,
        language: 'nl',
      });
    }
  }

  /**
   * Registers the new hire's contact and starts the journey, `startsInDays` from the server's today.
   * `workflowTaskTimeout`: shorter than the server's 10 s, so a slow step outlasts the task's heartbeat sooner.
   */
  async startJourney(
    overrides: Partial<HireJourneyInput> & { startsInDays: number; hireEmail?: string; workflowTaskTimeout?: Duration },
  ) {
    const hireId = overrides.hireId ?? `h-${randomUUID().slice(0, 8)}`;
    const { startsInDays, hireEmail, workflowTaskTimeout, ...rest } = overrides;
    await this.deps.directory.upsert({
      organisationId: ORGANISATION,
      personRef: hireId,
      displayName: 'Sanne',
      email: hireEmail ?? ADDRESSES.hire,
      language: 'nl',
    });
    const input: HireJourneyInput = {
      organisationId: ORGANISATION,
      hireId,
      startDate: addDays(await this.today(), startsInDays),
      role: 'Jeugdzorgwerker',
      team: 'Team Tiel',
      location: 'Tiel',
      templateId: 'rivierenland-team',
      managerRef: 'manager-1',
      actor: 'test:hr-system',
      registrationFingerprint: 'test',
      ...rest,
    };
    return this.env.client.workflow.start('hireJourney', {
      workflowId: hireJourneyWorkflowId(ORGANISATION, hireId),
      taskQueue: this.taskQueue,
      args: [input],
      ...(workflowTaskTimeout ? { workflowTaskTimeout } : {}),
    });
  }

  async events(hireId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readStream(hireStreamName({ organisationId: ORGANISATION, hireId })))
      events.push(event);
    return events;
  }

  async eventTypes(hireId: string): Promise<string[]> {
    return (await this.events(hireId)).map((event) => event.type);
  }
}

/**
 * The harness of one describe block: started before the block's tests, offering `mentors` (as offerMentors does),
 * and stopped after them. The tests read it as `harness()`.
 */
export function journeyHarnessOfBlock(
  options: Parameters<typeof JourneyHarness.start>[0] & { readonly mentors?: readonly MentorOffer[] } = {},
): () => JourneyHarness {
  let harness: JourneyHarness | undefined;
  beforeAll(async () => {
    harness = await JourneyHarness.start(options);
    if (options.mentors) await harness.offerMentors(options.mentors);
  });
  afterAll(async () => harness?.stop());
  return () => {
    if (!harness) throw new Error('the journey harness is read outside a test of its describe block, or did not start');
    return harness;
  };
}

/** A real template load, only later: the wait is in the worker, as a slow database would make it. */
function withTemplateLoadDelay(activities: JourneyActivities, delayMs: number): JourneyActivities {
  if (delayMs === 0) return activities;
  return {
    ...activities,
    loadJourneyTemplate: async (request) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return activities.loadJourneyTemplate(request);
    },
  };
}

/** A mentor's offer in the harness's own team, Team Tiel. */
export function mentor(id: string, overrides: Partial<MentorOffer> = {}): MentorOffer {
  return mentorOffered(id, { team: 'Team Tiel', ...overrides });
}
