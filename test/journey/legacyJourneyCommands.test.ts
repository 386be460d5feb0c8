import { randomUUID } from 'node:crypto';
import {
  type JourneyView,
  changePlanItemUpdate,
  completeItemUpdate,
  journeyViewQuery,
} from '../../workflows/hireJourneyContract';
import { JourneyCommands } from '../../services/api/journeyCommands';
import { Problem } from '../../services/problems/problem';
import { problemWording } from '../../services/problems/problemMessages';
import { describeWithServices } from '../support/serviceAvailability';
import { journeyHarnessOfBlock } from './journeyHarness';

/**
 * A journey begun before a command existed runs on in the code it began with, and that code has no handler for
 * the command: the caller gets a 409 saying so, in its language, and the journey goes on taking what it knows.
 */
describeWithServices(['temporal-test-server'], 'a command the running journey is too old for', () => {
  const harness = journeyHarnessOfBlock({ workflowsPath: require.resolve('./legacyWorkflows') });

  it('answers a plan change with journey-command-unsupported and still completes a task', async () => {
    const handle = await harness().startJourney({ startsInDays: 30 });
    const hireId = handle.workflowId.split(':')[2]!;
    const commands = new JourneyCommands({ client: harness().env.client, store: harness().store });
    const request = () => ({ organisationId: handle.workflowId.split(':')[1]!, hireId, idempotencyKey: randomUUID() });
    // Until the template is loaded the journey answers with the registration alone, without items.
    let view: JourneyView = await handle.query(journeyViewQuery);
    for (let tries = 0; !view.items?.length && tries < 200; tries++) view = await handle.query(journeyViewQuery);

    const refused = await commands
      .send(request(), changePlanItemUpdate, {
        change: { kind: 'drop-item', itemId: 'welcome-card' },
        changeId: randomUUID().replaceAll('-', ''),
        actor: 'hr-anne',
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(Problem);
    expect(refused).toMatchObject({ status: 409, kind: 'journey-command-unsupported', params: { hireId } });
    const wording = problemWording['journey-command-unsupported'];
    expect(wording.en.detail((refused as Problem).params)).toContain(`"${hireId}" began before this command`);
    expect(wording.nl.detail((refused as Problem).params)).toContain(`"${hireId}" is begonnen vóór deze opdracht`);

    const task = (view.items ?? []).find((item) => item.kind === 'preboarding-task' && item.status === 'open')!;
    const after = await commands.send(request(), completeItemUpdate, { itemId: task.id, actor: 'hr-anne' });
    expect(after.items?.find((item) => item.id === task.id)?.status).toBe('done');
    expect(await harness().eventTypes(hireId)).not.toContain('PlanItemDropped');
  });
});
