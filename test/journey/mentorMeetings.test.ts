import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  answerMentorRequestUpdate,
  journeyViewQuery,
  logMentorMeetingUpdate,
} from '../../workflows/hireJourneyContract';
import { describeWithServices } from '../support/serviceAvailability';
import { journeyHarnessOfBlock, mentor } from './journeyHarness';

/** A meeting of mentor and new hire, logged on a running journey: the day and minutes only. */
describeWithServices(['temporal-test-server'], 'meetings of mentor and new hire', () => {
  const harness = journeyHarnessOfBlock({ mentors: [mentor('mentor-meet')] });

  it('logs a meeting once the mentor accepted, and refuses one before that or on a day to come', async () => {
    const handle = await harness().startJourney({ startsInDays: 10 });
    const hireId = handle.workflowId.split(':')[2]!;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await handle.query(journeyViewQuery)).mentor?.status === 'asked') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const today = await harness().today();
    const log = (on: string) =>
      handle.executeUpdate(logMentorMeetingUpdate, {
        args: [{ on, minutes: 60, loggedBy: 'mentor', actor: 'mentor-meet' }],
      });
    await expect(log(today)).rejects.toThrow(WorkflowUpdateFailedError);
    await handle.executeUpdate(answerMentorRequestUpdate, {
      args: [{ mentorRef: 'mentor-meet', accept: true, actor: 'mentor-meet' }],
    });
    await log(today);
    await expect(log('2999-01-01')).rejects.toThrow(WorkflowUpdateFailedError);
    const logged = (await harness().events(hireId)).filter((event) => event.type === 'MentorMeetingLogged');
    expect(logged.map((event) => event.data)).toEqual([
      expect.objectContaining({ mentorRef: 'mentor-meet', on: today, minutes: 60, loggedBy: 'mentor' }),
    ]);
    expect(logged[0]!.metadata.actor).toBe('mentor-meet');
  });
});
