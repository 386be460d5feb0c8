import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { addDays } from '../../workflows/domain/calendar';
import { type PlanItemChange, addedTaskId } from '../../workflows/domain/journey/planItemChanges';
import {
  type JourneyView,
  answerMentorRequestUpdate,
  changePlanItemUpdate,
  journeyViewQuery,
} from '../../workflows/hireJourneyContract';
import { describeWithServices } from '../support/serviceAvailability';
import { JourneyHarness, mentor } from './journeyHarness';

const hireIdOf = (handle: WorkflowHandle) => handle.workflowId.split(':')[2]!;
const dayOf = (event: { metadata: Record<string, unknown> }) => String(event.metadata.occurredAt).slice(0, 10);

/**
 * HR's plan changes on the time-skipping server: the journey sets its timers from the changed plan, so a moved
 * mail goes out on its new day (not the old one), a moved survey invitation and its reminder on theirs, and a task
 * HR added escalates a week after its own due date.
 */
describeWithServices(['temporal-test-server'], 'plan changes on the time-skipping server', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
    await harness.offerMentors([mentor('mentor-dirk', { experienceYears: 9 })]);
  });
  afterAll(async () => harness?.stop());

  it('acts on the moved days and records who changed what', async () => {
    const handle = await harness.startJourney({ startsInDays: 30 });
    const today = await harness.today();
    const startDate = addDays(today, 30);
    await viewWhen(handle, (view) => view.mentor?.status === 'asked');
    await handle.executeUpdate(answerMentorRequestUpdate, {
      args: [{ mentorRef: 'mentor-dirk', accept: true, actor: 'mentor-dirk' }],
    });
    const change = (body: PlanItemChange, changeId: string) =>
      handle.executeUpdate(changePlanItemUpdate, { args: [{ change: body, changeId, actor: 'hr-anne' }] });
    const welcomeDay = addDays(today, 10);
    await change({ kind: 'move-item', itemId: 'welcome-mail', dueDate: welcomeDay }, 'a'.repeat(32));
    const surveyDay = addDays(startDate, 70);
    await change({ kind: 'move-item', itemId: 'survey-invitation', dueDate: surveyDay }, 'b'.repeat(32));
    const taskDue = addDays(today, 5);
    const added = await change(
      { kind: 'add-task', title: 'Parkeervergunning aanvragen', ownerRole: 'facilities', dueDate: taskDue },
      'c'.repeat(32),
    );
    const taskId = addedTaskId('c'.repeat(32));
    expect(added.items?.find((item) => item.id === taskId)).toMatchObject({
      kind: 'adhoc-task',
      ownerRole: 'facilities',
      dueDate: taskDue,
      status: 'open',
    });
    const reowned = await change(
      { kind: 'reown-item', itemId: 'task:team-message-before-day-one', ownerRole: 'manager' },
      'd'.repeat(32),
    );
    expect(reowned.items?.find((item) => item.id === 'task:team-message-before-day-one')?.ownerRole).toBe('manager');
    const dropped = await change({ kind: 'drop-item', itemId: 'welcome-card' }, 'e'.repeat(32));
    expect(dropped.items?.some((item) => item.id === 'welcome-card')).toBe(false);

    expect(await handle.result()).toBe('landed');
    const events = await harness.events(hireIdOf(handle));
    const one = (type: string, itemId?: string) => {
      const found = events.filter((event) => event.type === type && (!itemId || event.data.itemId === itemId));
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    expect(dayOf(one('WelcomeMailSent'))).toBe(welcomeDay);
    expect(one('WelcomeMailSent').data.dueDate).toBe(welcomeDay);
    expect(dayOf(one('SurveyInvitationSent'))).toBe(surveyDay);
    expect(dayOf(one('SurveyReminderSent'))).toBe(addDays(surveyDay, 7));
    expect(dayOf(one('TaskEscalated', taskId))).toBe(addDays(taskDue, 7));
    expect(events.some((event) => event.data.itemId === 'welcome-card' && event.type !== 'PlanItemDropped')).toBe(
      false,
    );
    const moved = one('PlanItemMoved', 'welcome-mail');
    expect(moved.metadata.actor).toBe('hr-anne');
    expect(moved.data).toMatchObject({ from: addDays(startDate, -7), to: welcomeDay, changeId: 'a'.repeat(32) });
    await record(handle, 'journey-plan-changes');
  });
});

async function viewWhen(handle: WorkflowHandle, done: (view: JourneyView) => boolean): Promise<JourneyView> {
  let view: JourneyView | undefined;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    view = await handle.query(journeyViewQuery);
    if (done(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`journey view never reached the expected state: ${JSON.stringify(view)}`);
}

/** RECORD_HISTORIES=1 keeps this run's history as a replay fixture (see test/journey/hireJourney.test.ts). */
async function record(handle: WorkflowHandle, name: string): Promise<void> {
  const path = join(__dirname, '../replay/histories', `${name}.decider-v1.json`);
  if (!process.env.RECORD_HISTORIES || existsSync(path)) return;
  writeFileSync(path, JSON.stringify(await handle.fetchHistory(), null, 2));
}
