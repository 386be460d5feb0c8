import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import fc from 'fast-check';
import { type JourneyStateAsOf, journeyStateAsOf } from '../../services/audit/journeyStateAsOf';
import { ALL_PROJECTIONS, type ReadModelDb, hireById, rebuild, tasksOfHire } from '../../services/projections';
import { openReadModels } from '../../services/projections/projection';
import { addDays } from '../../workflows/domain/calendar';
import {
  type JourneyView,
  answerMentorRequestUpdate,
  changePlanItemUpdate,
  changeStartDateUpdate,
  completeItemUpdate,
  endLeaveUpdate,
  journeyViewQuery,
  registerTerminationUpdate,
  startLeaveUpdate,
  withdrawCandidateUpdate,
} from '../../workflows/hireJourneyContract';
import { describeWithServices } from '../support/serviceAvailability';
import { journeyIdle } from '../support/journeyIdle';
import { waitFor } from '../support/waitFor';
import { JourneyHarness, ORGANISATION, mentor } from './journeyHarness';

/**
 * Issue #14's property: for random sequences of commands and clock ticks, the three readers of a journey agree —
 * the workflow's own view (its query), the auditor's state as of now (the hire's events folded by
 * services/audit/journeyStateAsOf.ts) and the read models (hires and open_tasks, rebuilt from the same events).
 * Commands may be refused (a leave before day one, a start date in the past): a refusal stores nothing, and the
 * three must still agree afterwards.
 */
type Step =
  | { readonly kind: 'sleep'; readonly days: number }
  | { readonly kind: 'complete'; readonly pick: number }
  | { readonly kind: 'move-start'; readonly inDays: number }
  | { readonly kind: 'leave' }
  | { readonly kind: 'end-leave' }
  | { readonly kind: 'terminate'; readonly inDays: number }
  | { readonly kind: 'withdraw' }
  | { readonly kind: 'mentor-answer'; readonly accept: boolean }
  // HR's per-hire plan changes (#16 item 2), on the item picked among the plan's.
  | { readonly kind: 'move-item'; readonly pick: number; readonly inDays: number }
  | { readonly kind: 'drop-item'; readonly pick: number }
  | { readonly kind: 'reown-item'; readonly pick: number }
  | { readonly kind: 'add-task'; readonly inDays: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 45 }).map((days) => ({ kind: 'sleep' as const, days })) },
  { weight: 4, arbitrary: fc.nat(20).map((pick) => ({ kind: 'complete' as const, pick })) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 60 }).map((inDays) => ({ kind: 'move-start' as const, inDays })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'leave' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'end-leave' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((inDays) => ({ kind: 'terminate' as const, inDays })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'withdraw' as const }) },
  { weight: 2, arbitrary: fc.boolean().map((accept) => ({ kind: 'mentor-answer' as const, accept })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ pick: fc.nat(30), inDays: fc.integer({ min: -3, max: 120 }) })
      .map((change) => ({ kind: 'move-item' as const, ...change })),
  },
  { weight: 1, arbitrary: fc.nat(30).map((pick) => ({ kind: 'drop-item' as const, pick })) },
  { weight: 1, arbitrary: fc.nat(30).map((pick) => ({ kind: 'reown-item' as const, pick })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 90 }).map((inDays) => ({ kind: 'add-task' as const, inDays })),
  },
);

/** What all three readers know of a journey, in one shape. */
interface Agreed {
  readonly stage: string;
  readonly startDate: string | undefined;
  readonly endDate: string | undefined;
  readonly pausedSince: string | undefined;
  readonly outcome: string | undefined;
  readonly mentor: string;
  /** `itemId status dueDate ownerRole`, sorted. */
  readonly tasks: readonly string[];
}

const taskLine = (id: string, status: string, dueDate: string, ownerRole: string | null) =>
  `${id} ${status} ${dueDate} ${ownerRole}`;

function fromView(view: JourneyView): Agreed {
  return {
    stage: view.stage,
    startDate: view.startDate,
    endDate: view.endDate,
    pausedSince: view.pausedSince,
    outcome: view.outcome,
    mentor: `${view.mentor?.status} ${view.mentor?.mentorRef ?? '-'}`,
    tasks: (view.items ?? [])
      .filter((item) => item.status !== 'scheduled')
      // The documented rule of the other two (workflows/domain/journey/replay.ts `journeyTasks`): nobody can finish
      // a task of an ended journey, so what was open when it ended counts as cancelled. The view keeps it open.
      .map((item) =>
        taskLine(
          item.id,
          view.outcome && item.status === 'open' ? 'cancelled' : item.status,
          item.dueDate,
          item.ownerRole,
        ),
      )
      .sort(),
  };
}

function fromAsOf(state: JourneyStateAsOf): Agreed {
  const { open, done, cancelled } = state.tasks;
  return {
    stage: state.stage,
    startDate: state.startDate,
    endDate: state.endDate,
    pausedSince: state.pausedSince,
    outcome: state.outcome,
    mentor: `${state.mentor.status} ${state.mentor.mentorRef ?? '-'}`,
    tasks: [...open, ...done, ...cancelled]
      .map((task) => taskLine(task.itemId, task.status, task.dueDate, task.ownerRole))
      .sort(),
  };
}

function fromReadModels(db: ReadModelDb, hireId: string, today: string): Agreed {
  const row = hireById(db, ORGANISATION, hireId, today);
  return {
    stage: row?.stage ?? 'unknown',
    startDate: row?.startDate,
    endDate: row?.endDate ?? undefined,
    pausedSince: row?.pausedSince ?? undefined,
    outcome: row?.outcome ?? undefined,
    mentor: `${row?.mentorStatus} ${row?.mentorRef ?? '-'}`,
    tasks: tasksOfHire(db, ORGANISATION, hireId)
      .map((task) => taskLine(task.itemId, task.status, task.dueDate, task.ownerRole))
      .sort(),
  };
}

describeWithServices(['temporal-test-server'], 'the three readers of a journey agree', () => {
  jest.setTimeout(600_000);
  let harness: JourneyHarness;
  let db: ReadModelDb;

  beforeAll(async () => {
    harness = await JourneyHarness.start();
    // Capacity enough for every run: a mentor is always found, and answers as the step says.
    await harness.offerMentors([mentor('mentor-anna', { maxMentees: 50, hoursPerWeekAvailable: 400 })]);
    db = openReadModels(join(mkdtempSync(join(tmpdir(), 'soft-landing-views-')), 'read-models.sqlite'));
  });
  afterAll(async () => {
    db?.close();
    await harness?.stop();
  });

  async function run(handle: WorkflowHandle, next: Step): Promise<void> {
    const actor = 'test:hr';
    const today = await harness.today();
    const view = await handle.query(journeyViewQuery);
    const refusable = async (send: () => Promise<unknown>) => {
      try {
        await send();
      } catch (error) {
        // A refused command is an answer too (the decider's typed rejection); anything else is a failure.
        if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      }
    };
    switch (next.kind) {
      case 'sleep':
        await harness.env.sleep(`${next.days} days`);
        return;
      case 'complete': {
        const open = (view.items ?? []).filter((item) => item.status === 'open');
        const item = open[next.pick % Math.max(open.length, 1)];
        if (item)
          await refusable(() => handle.executeUpdate(completeItemUpdate, { args: [{ itemId: item.id, actor }] }));
        return;
      }
      case 'move-start':
        await refusable(() =>
          handle.executeUpdate(changeStartDateUpdate, { args: [{ startDate: addDays(today, next.inDays), actor }] }),
        );
        return;
      case 'leave':
        await refusable(() => handle.executeUpdate(startLeaveUpdate, { args: [{ from: today, actor }] }));
        return;
      case 'end-leave':
        await refusable(() => handle.executeUpdate(endLeaveUpdate, { args: [{ until: today, actor }] }));
        return;
      case 'terminate':
        await refusable(() =>
          handle.executeUpdate(registerTerminationUpdate, {
            args: [{ lastWorkingDay: addDays(today, next.inDays), actor }],
          }),
        );
        return;
      case 'withdraw':
        await refusable(() =>
          handle.executeUpdate(withdrawCandidateUpdate, { args: [{ reason: 'andere baan', actor }] }),
        );
        return;
      case 'move-item':
      case 'drop-item':
      case 'reown-item':
      case 'add-task': {
        const items = view.items ?? [];
        const item = 'pick' in next ? items[next.pick % Math.max(items.length, 1)] : undefined;
        if ('pick' in next && !item) return;
        const change =
          next.kind === 'move-item'
            ? { kind: next.kind, itemId: item!.id, dueDate: addDays(today, next.inDays) }
            : next.kind === 'drop-item'
              ? { kind: next.kind, itemId: item!.id }
              : next.kind === 'reown-item'
                ? { kind: next.kind, itemId: item!.id, ownerRole: 'facilities' as const }
                : {
                    kind: next.kind,
                    title: 'Sleutel ophalen',
                    ownerRole: 'facilities' as const,
                    dueDate: addDays(today, next.inDays),
                  };
        await refusable(() =>
          handle.executeUpdate(changePlanItemUpdate, {
            args: [{ change, changeId: randomUUID().replace(/-/g, ''), actor }],
          }),
        );
        return;
      }
      case 'mentor-answer':
        if (view.mentor?.status === 'asked')
          await refusable(() =>
            handle.executeUpdate(answerMentorRequestUpdate, {
              args: [{ mentorRef: 'mentor-anna', accept: next.accept, actor: 'mentor-anna' }],
            }),
          );
        return;
    }
  }

  async function readers(handle: WorkflowHandle, hireId: string) {
    const today = await harness.today();
    const events = await harness.events(hireId);
    await rebuild(harness.store, db, ALL_PROJECTIONS);
    // Now on the time-skipping clock, which no event's instant is past.
    const now = new Date(await harness.env.currentTimeMs());
    const asOf = journeyStateAsOf({ organisationId: ORGANISATION, hireId }, events, now);
    // A closed workflow still answers its query while the worker runs.
    const view = await handle.query(journeyViewQuery);
    return {
      events: events.length,
      view: view && fromView(view),
      asOf: asOf && fromAsOf(asOf),
      readModels: fromReadModels(db, hireId, today),
    };
  }

  it('for random commands and clock ticks, the workflow, the as-of fold and the read models say the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 5, max: 40 }),
        fc.array(step, { minLength: 1, maxLength: 7 }),
        async (startsIn, steps) => {
          const handle = await harness.startJourney({ startsInDays: startsIn });
          const hireId = handle.workflowId.split(':')[2]!;
          await waitFor(
            () => handle.query(journeyViewQuery),
            (view) => Array.isArray(view.items),
            30_000,
          );
          // The start's own follow-up (the team's welcome request, the mentor search) done before the first command:
          // this property is about the readers agreeing after commands and ticks, not about a command racing the
          // start. That race once gave a replay nondeterminism in CI (seed -2068710374, a withdrawal on the first
          // step, session 18's note); it is followed up on its own.
          await journeyIdle(handle);
          for (const next of steps) {
            const ended = (await harness.eventTypes(hireId)).includes('JourneyEnded');
            if (ended) break;
            // A step that never answers is a failure of its own, named, not the whole test's timeout.
            await Promise.race([
              run(handle, next),
              new Promise((_, reject) =>
                setTimeout(
                  () => reject(new Error(`step ${JSON.stringify(next)} did not answer in 60 s`)),
                  60_000,
                ).unref(),
              ),
            ]);
          }
          // The journey's activities record what a step caused a moment later: wait until the stream stands still.
          let seen = -1;
          const settled = await waitFor(
            async () => {
              const before = seen;
              const now = await readers(handle, hireId);
              seen = now.events;
              return { ...now, stable: before === now.events };
            },
            (candidate) => candidate.stable,
            30_000,
          );
          expect(settled.asOf).toBeDefined();
          expect(settled.asOf).toEqual(settled.view);
          expect(settled.readModels).toEqual(settled.asOf);
        },
      ),
      {
        numRuns: Number(process.env.VIEWS_AGREE_RUNS ?? 12),
        endOnFailure: true,
        ...(process.env.VIEWS_AGREE_SEED ? { seed: Number(process.env.VIEWS_AGREE_SEED) } : {}),
      },
    );
  });
});
