import { addDays } from '../../workflows/domain/calendar';
import {
  completeItemUpdate,
  journeyViewQuery,
  recordExitInterviewUpdate,
  registerTerminationUpdate,
} from '../../workflows/hireJourneyContract';
import { describeWithServices } from '../support/serviceAvailability';
import { hireIdOf, recordHistory } from './journeyHandles';
import { journeyHarnessOfBlock, mentor } from './journeyHarness';

const CHECKLIST = [
  { id: 'adhoc:offboarding:returned-items', ownerRole: 'facilities' },
  { id: 'adhoc:offboarding:access-removed', ownerRole: 'it' },
  { id: 'adhoc:offboarding:clients-and-cases-handed-over', ownerRole: 'manager' },
];

describeWithServices(['temporal-test-server'], 'the offboarding checklist on the time-skipping server', () => {
  const harness = journeyHarnessOfBlock({ mentors: [mentor('mentor-anna', { experienceYears: 12 })] });

  it('opens the checklist with the termination and ends the journey once it is done and the interview held', async () => {
    const handle = await harness().startJourney({ startsInDays: 5 });
    await harness().env.sleep('40 days');
    const lastWorkingDay = addDays(await harness().today(), 14);
    const leaving = await handle.executeUpdate(registerTerminationUpdate, { args: [{ lastWorkingDay, actor: 'hr' }] });
    expect(leaving.stage).toBe('leaving');
    expect(
      leaving
        .items!.filter((item) => item.id.startsWith('adhoc:offboarding:'))
        .map(({ id, ownerRole, dueDate, status }) => ({
          id,
          ownerRole,
          dueDate,
          status,
        })),
    ).toEqual(CHECKLIST.map((task) => ({ ...task, dueDate: lastWorkingDay, status: 'open' })));

    const events = await harness().events(hireIdOf(handle));
    expect(events.filter((event) => event.type === 'TaskOpened').map((event) => event.data.itemId)).toEqual(
      expect.arrayContaining(CHECKLIST.map((task) => task.id)),
    );

    // Completable while the hire leaves; the exit interview alone no longer ends the journey.
    await handle.executeUpdate(completeItemUpdate, {
      args: [{ itemId: CHECKLIST[0]!.id, actor: 'person:facilitair' }],
    });
    await handle.executeUpdate(recordExitInterviewUpdate, {
      args: [{ reasons: ['workload'], wouldHaveKept: [], actor: 'hr' }],
    });
    expect((await handle.query(journeyViewQuery)).stage).toBe('leaving');
    await handle.executeUpdate(completeItemUpdate, { args: [{ itemId: CHECKLIST[1]!.id, actor: 'hr' }] });
    const ended = await handle.executeUpdate(completeItemUpdate, {
      args: [{ itemId: CHECKLIST[2]!.id, actor: 'manager' }],
    });
    expect(ended.outcome).toBe('left');
    expect(await handle.result()).toBe('left');
    const types = (await harness().events(hireIdOf(handle))).map((event) => event.type);
    expect(types.slice(-2)).toEqual(['TaskCompleted', 'JourneyEnded']);
    await recordHistory(handle, 'journey-offboarding-checklist', 'offboarding-checklist-v1');
  });

  it('escalates an overdue checklist task to the manager and closes the rest when the grace period is over', async () => {
    const handle = await harness().startJourney({ startsInDays: 5 });
    await harness().env.sleep('20 days');
    await handle.executeUpdate(registerTerminationUpdate, {
      args: [{ lastWorkingDay: await harness().today(), actor: 'hr' }],
    });
    await handle.executeUpdate(recordExitInterviewUpdate, {
      args: [{ reasons: ['workload'], wouldHaveKept: [], actor: 'hr' }],
    });
    expect(await handle.result()).toBe('left');
    const events = await harness().events(hireIdOf(handle));
    expect(
      events
        .filter((event) => event.type === 'TaskEscalated' && String(event.data.itemId).startsWith('adhoc:offboarding:'))
        .map((event) => event.data.itemId),
    ).toEqual(CHECKLIST.map((task) => task.id));
    expect(events.at(-2)).toMatchObject({
      type: 'OpenTasksCancelled',
      data: { itemIds: CHECKLIST.map((task) => task.id), reason: 'terminated' },
    });
    expect(events.at(-1)!.data).toMatchObject({ outcome: 'left' });
    expect(events.at(-1)!.data.exitInterview).toBeUndefined();
  });
});
