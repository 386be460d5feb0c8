import type { WorkflowHandle } from '@temporalio/client';
import { answerMentorRequestUpdate, withdrawCandidateUpdate } from '../../workflows/hireJourneyContract';
import { describeWithServices } from '../support/serviceAvailability';
import { hireIdOf, recordHistory, viewWhen } from './journeyHandles';
import { ORGANISATION, journeyHarnessOfBlock, mentor } from './journeyHarness';

/**
 * Journeys that run at once on the time-skipping server, all asking the same SQLite mentor pool: asking a mentor
 * holds a place of their capacity, so two hires can never both be promised the last one.
 */
describeWithServices(['temporal-test-server'], 'mentor capacity held while a request waits', () => {
  const harness = journeyHarnessOfBlock({
    mentors: [
      // Room for one mentee each; the most experienced is asked first.
      mentor('mentor-solo', { experienceYears: 12, maxMentees: 1 }),
      mentor('mentor-next', { experienceYears: 3, maxMentees: 1 }),
    ],
  });

  it('asks a mentor with room for one for only one of two hires started at once; a decline frees the place', async () => {
    const [first, second] = await Promise.all([
      harness().startJourney({ startsInDays: 30 }),
      harness().startJourney({ startsInDays: 30 }),
    ]);
    const views = await Promise.all(
      [first!, second!].map((handle) => viewWhen(handle, (view) => view.mentor?.status === 'asked')),
    );
    const asked = views.map((view) => view.mentor?.asked);
    // Exactly one request holds mentor-solo; the other hire got the next candidate, not the same mentor.
    expect(asked.map((refs) => refs?.at(-1)).sort()).toEqual(['mentor-next', 'mentor-solo']);
    const soloHire = views[0]!.mentor?.asked.at(-1) === 'mentor-solo' ? first! : second!;
    const nextHire = soloHire === first ? second! : first!;
    expect(await pool()).toEqual({ 'mentor-solo': 1, 'mentor-next': 1 });

    // mentor-solo declines: their place is free; their hire has nobody left with room (mentor-next is held).
    await soloHire.executeUpdate(answerMentorRequestUpdate, {
      args: [{ mentorRef: 'mentor-solo', accept: false, actor: 'mentor-solo' }],
    });
    await viewWhen(soloHire, (view) => view.mentor?.status === 'none-available');
    expect(await harness().eventTypes(hireIdOf(soloHire))).toEqual(
      expect.arrayContaining(['MentorRequested', 'MentorDeclined', 'MentorNotFound']),
    );
    // A reservation, its release on the decline and a search that reserves nobody, for the replay test.
    await record(soloHire, 'journey-mentor-declined');
    expect(await pool()).toEqual({ 'mentor-solo': 0, 'mentor-next': 1 });

    // A third hire is asked mentor-solo, whose place the decline freed.
    const third = await harness().startJourney({ startsInDays: 30 });
    expect((await viewWhen(third, (view) => view.mentor?.status === 'asked')).mentor?.asked).toEqual(['mentor-solo']);

    // Accepting turns the held place into the assignment: still one place, not two.
    await nextHire.executeUpdate(answerMentorRequestUpdate, {
      args: [{ mentorRef: 'mentor-next', accept: true, actor: 'mentor-next' }],
    });
    await viewWhen(nextHire, (view) => view.mentor?.status === 'accepted');
    expect(await pool()).toEqual({ 'mentor-solo': 1, 'mentor-next': 1 });
    expect(await poolTypes()).toEqual(
      expect.arrayContaining(['MentorReserved', 'MentorReservationReleased', 'MentorAssigned']),
    );
  });

  it('frees the place when the request is withdrawn with the candidate', async () => {
    const before = await pool();
    // Both mentors are taken by the first test; offer one more with room for one.
    await harness().offerMentors([mentor('mentor-late', { experienceYears: 1, maxMentees: 1 })]);
    const handle = await harness().startJourney({ startsInDays: 30 });
    expect((await viewWhen(handle, (view) => view.mentor?.status === 'asked')).mentor?.asked).toEqual(['mentor-late']);
    expect((await pool())['mentor-late']).toBe(1);
    await handle.executeUpdate(withdrawCandidateUpdate, { args: [{ actor: 'test:hr' }] });
    await handle.result();
    expect(await pool()).toEqual({ ...before, 'mentor-late': 0 });
    await record(handle, 'journey-mentor-withdrawn');
  });

  /** Places taken per mentor, as matching sees them (requests waiting for an answer and accepted mentees). */
  async function pool(): Promise<Record<string, number>> {
    const profiles = await harness().mentorPool.profiles(ORGANISATION);
    return Object.fromEntries(profiles.map((profile) => [profile.id, profile.currentMentees]));
  }

  async function poolTypes(): Promise<string[]> {
    const types: string[] = [];
    for await (const event of harness().store.readStream(`mentorpool-${ORGANISATION}`)) types.push(event.type);
    return types;
  }
});

const record = (handle: WorkflowHandle, name: string) => recordHistory(handle, name, 'mentor-capacity-reservation-v1');
