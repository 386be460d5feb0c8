import { addDays } from '../../workflows/domain/calendar';
import { type PlanItemChange, addedTaskId } from '../../workflows/domain/journey/planItemChanges';
import { answerMentorRequestUpdate, changePlanItemUpdate } from '../../workflows/hireJourneyContract';
import { describeWithServices } from '../support/serviceAvailability';
import { hireIdOf, recordHistory, viewWhen } from './journeyHandles';
import { journeyHarnessOfBlock, mentor } from './journeyHarness';

const dayOf = (event: { metadata: Record<string, unknown> }) => String(event.metadata.occurredAt).slice(0, 10);

/**
 * HR's plan changes on the time-skipping server: the journey sets its timers from the changed plan, so a moved
 * mail goes out on its new day (not the old one), a moved survey invitation and its reminder on theirs, and a task
 * HR added escalates a week after its own due date.
 */
describeWithServices(['temporal-test-server'], 'plan changes on the time-skipping server', () => {
  const harness = journeyHarnessOfBlock({ mentors: [mentor('mentor-dirk', { experienceYears: 9 })] });

  it('acts on the moved days and records who changed what', async () => {
    const handle = await harness().startJourney({ startsInDays: 30 });
    const today = await harness().today();
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
    const events = await harness().events(hireIdOf(handle));
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
    await recordHistory(handle, 'journey-plan-changes');
  });
});
