import { daysBetween } from '../../workflows/domain/calendar';
import {
  answerMentorRequestUpdate,
  changeStartDateUpdate,
  completeItemUpdate,
  endLeaveUpdate,
  hrisTerminationSignal,
  journeyViewQuery,
  recordExitInterviewUpdate,
  registerTerminationUpdate,
  startLeaveUpdate,
  changeLearningLineUpdate,
  withdrawCandidateUpdate,
} from '../../workflows/hireJourneyContract';
import { describeWithServices } from '../support/serviceAvailability';
import { hireIdOf, recordHistory, viewWhen } from './journeyHandles';
import { ADDRESSES, journeyHarnessOfBlock, mentor } from './journeyHarness';

describeWithServices(['temporal-test-server'], 'a whole journey on the time-skipping server', () => {
  const harness = journeyHarnessOfBlock({
    mentors: [
      mentor('mentor-anna', { experienceYears: 12 }),
      mentor('mentor-bram', { experienceYears: 6 }),
      mentor('mentor-cor', { team: 'Team Culemborg', location: 'Culemborg', maxMentees: 5, hoursPerWeekAvailable: 40 }),
    ],
  });

  it('lands a hire: welcome, mentor with a coffee moment, reminders, the anonymous survey at day 90, programme end', async () => {
    const handle = await harness().startJourney({ startsInDays: 30, hireEmail: 'landt@voorbeeld.test' });
    const asked = await viewWhen(handle, (view) => view.mentor?.status === 'asked');
    expect(asked.mentor?.asked).toEqual(['mentor-anna']); // same team, most experience
    await handle.executeUpdate(answerMentorRequestUpdate, {
      args: [{ mentorRef: 'mentor-anna', accept: true, actor: 'mentor-anna' }],
    });
    await handle.executeUpdate(completeItemUpdate, { args: [{ itemId: 'task:accounts-ready', actor: 'ict' }] });

    expect(await handle.result()).toBe('landed');
    // Today's journey asks one patch (journey-current-v1), however many older runs needed: one marker in its history.
    const history = await handle.fetchHistory();
    const patchMarkers = (history.events ?? []).filter(
      (event) => event.markerRecordedEventAttributes?.markerName === 'core_patch',
    );
    expect(patchMarkers).toHaveLength(1);
    const events = await harness().events(hireIdOf(handle));
    const types = events.map((event) => event.type);
    expect(types.slice(0, 3)).toEqual(['HireRegistered', 'JourneyStarted', 'MentorRequested']);
    expect(types).toEqual(
      expect.arrayContaining([
        'MentorAccepted',
        'MentorWelcomeMailSent',
        'WelcomeMailSent',
        'TaskCompleted',
        'TaskEscalated',
        'SurveyInvitationSent',
        'SurveyReminderSent',
        'MentorshipEnded',
      ]),
    );
    expect(types.at(-1)).toBe('JourneyEnded');
    expect(events.at(-1)!.data).toMatchObject({ outcome: 'landed' });
    expect(events.map((event) => Number(event.revision))).toEqual(events.map((_, index) => index));
    // A task done in time is neither reminded nor escalated.
    const nudged = events.filter((event) => event.type === 'TaskReminderSent' || event.type === 'TaskEscalated');
    expect(nudged.map((event) => event.data.itemId)).not.toContain('task:accounts-ready');
    expect(nudged.some((event) => event.data.itemId === 'task:team-message-before-day-one')).toBe(true);
    // From reminder-digest-v1 on reminders go in the owner's daily digest (services/worker/reminderDigest.ts).
    expect(types).not.toContain('TaskReminderSent');

    const started = events.find((event) => event.type === 'JourneyStarted')!;
    const ended = events.at(-1)!;
    const journeyDays = daysBetween(String(started.data.startDate), String(ended.metadata.occurredAt).slice(0, 10));
    expect(journeyDays).toBeGreaterThanOrEqual(365);

    const toHire = harness()
      .smtp.to('landt@voorbeeld.test')
      .map((mail) => mail.parsed);
    const mentorWelcome = toHire.find((mail) => mail.subject?.includes('mentor'));
    expect(mentorWelcome?.text).toContain('Mentor mentor-anna');
    expect(
      mentorWelcome?.attachments.some(
        (attachment) => attachment.contentType.startsWith('text/calendar') || attachment.filename?.endsWith('.ics'),
      ),
    ).toBe(true);
    const survey = toHire.filter((mail) => mail.text?.includes('/app/survey#sst_'));
    expect(survey).toHaveLength(2); // the invitation and its single reminder
    // One personal link, the same in both, which names no hire: the token proves the right to answer once.
    const links = survey.map(
      (mail) =>
        /https:\/\/zachte-landing\.test\/app\/survey#(sst_[0-9a-f]{32}\.[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1],
    );
    expect(links[0]).toMatch(/^sst_[0-9a-f]{32}\./);
    expect(links[1]).toBe(links[0]);
    expect(links[0]).not.toContain(hireIdOf(handle));
    // From digest-escalations-v1 on every late task is escalated into the manager's daily digest: recorded, marked,
    // and no mail of its own; the manager's one mail of the journey is the team's welcome link.
    const escalations = events.filter((event) => event.type === 'TaskEscalated');
    expect(escalations.length).toBeGreaterThanOrEqual(7);
    for (const escalation of escalations)
      expect(escalation.data).toMatchObject({ byDigest: true, mailDelivered: false });
    expect(
      harness()
        .smtp.to(ADDRESSES.manager)
        .map((mail) => mail.parsed.subject),
    ).toEqual(['Heet Sanne welkom: een berichtje van het team']);
    await recordHistory(handle, 'journey-landed');
  });

  it('asks the next mentor after two declines, and the manager when the pool runs out', async () => {
    const mentors = ['mentor-anna', 'mentor-bram', 'mentor-cor'];
    const requestsTo = () =>
      mentors.map(
        (ref) =>
          harness()
            .smtp.to(`${ref}@voorbeeld.test`)
            .filter((mail) => mail.parsed.subject?.startsWith('Wil je mentor zijn')).length,
      );
    const requestsBefore = requestsTo();
    const handle = await harness().startJourney({ startsInDays: 20 });
    for (const [mentorRef, next] of [
      ['mentor-anna', 'mentor-bram'],
      ['mentor-bram', 'mentor-cor'],
    ] as const) {
      await viewWhen(handle, (view) => view.mentor?.asked.at(-1) === mentorRef);
      const view = await handle.executeUpdate(answerMentorRequestUpdate, {
        args: [{ mentorRef, accept: false, actor: mentorRef }],
      });
      expect(view.mentor?.asked.at(-1)).toBe(next);
    }
    // mentor-cor does not answer within the window; nobody is left.
    await harness().env.sleep('4 days');
    const view = await viewWhen(handle, (candidate) => candidate.mentor?.status === 'none-available');
    expect(view.items?.find((item) => item.id === 'adhoc:find-mentor')).toMatchObject({
      ownerRole: 'manager',
      status: 'open',
      title: 'Zoek zelf een mentor: niemand in de mentorpool kan deze collega begeleiden',
      titleEn: 'Find a mentor yourself: nobody in the mentor pool can guide this colleague',
    });
    const types = await harness().eventTypes(hireIdOf(handle));
    expect(types.filter((type) => type === 'MentorDeclined')).toHaveLength(2);
    expect(types).toEqual(expect.arrayContaining(['MentorRequestExpired', 'MentorNotFound', 'TaskOpened']));
    // Every mentor asked got the request by mail, once, whatever they then did.
    expect(requestsTo().map((count, index) => count - requestsBefore[index]!)).toEqual([1, 1, 1]);
    await handle.executeUpdate(withdrawCandidateUpdate, { args: [{ actor: 'hr', reason: 'test' }] });
    // Recorded with the mentor-request mails (MENTOR_REQUEST_MAIL_PATCH), so the replay test guards that step too.
    await handle.result();
    await recordHistory(handle, 'journey-mentor-requests');
  });

  it('withdraws a candidate before day one: open work cancelled, outcome withdrawn', async () => {
    const handle = await harness().startJourney({ startsInDays: 40 });
    await viewWhen(handle, (view) => view.stage === 'preboarding');
    await handle.executeUpdate(withdrawCandidateUpdate, { args: [{ actor: 'hr', reason: 'Andere baan aangenomen' }] });
    expect(await handle.result()).toBe('withdrawn');
    const events = await harness().events(hireIdOf(handle));
    // The mentor asked at the start has not answered: the request is withdrawn on record, not silently dropped.
    expect(events.map((event) => event.type).slice(-4)).toEqual([
      'OpenTasksCancelled',
      'MentorRequestWithdrawn',
      'CandidateWithdrawn',
      'JourneyEnded',
    ]);
    expect((events.at(-4)!.data.itemIds as string[]).length).toBeGreaterThan(3);
    expect(events.at(-3)!.data).toMatchObject({ reason: 'withdrawn' });
    await recordHistory(handle, 'journey-withdrawn');
  });

  it('ends a journey terminated in pre-boarding as left, even when no exit interview is held', async () => {
    const handle = await harness().startJourney({ startsInDays: 30 });
    await viewWhen(handle, (view) => view.stage === 'preboarding');
    await handle.signal(hrisTerminationSignal, { lastWorkingDay: await harness().today(), actor: 'hris:youforce' });
    expect(await handle.result()).toBe('left');
    const events = await harness().events(hireIdOf(handle));
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['TerminationRegistered', 'ExitInterviewRequested']),
    );
    // The mentor asked at the start never answered: the stream says the request ended with the journey.
    expect(events.find((event) => event.type === 'MentorRequestWithdrawn')?.data).toMatchObject({
      reason: 'terminated',
    });
    expect((await handle.query(journeyViewQuery)).mentor?.status).toBe('ended');
    expect(events.at(-1)!.data).toMatchObject({ outcome: 'left', exitInterview: 'not-held' });
    await recordHistory(handle, 'journey-terminated-preboarding');
  });

  it('diverts in month two to the exit interview and records its reasons as codes', async () => {
    const handle = await harness().startJourney({ startsInDays: 10 });
    await harness().env.sleep('55 days');
    expect((await handle.query(journeyViewQuery)).stage).toBe('onboarding');
    const leaving = await handle.executeUpdate(registerTerminationUpdate, {
      args: [{ lastWorkingDay: await harness().today(), actor: 'hr' }],
    });
    expect(leaving.stage).toBe('leaving');
    await expect(
      handle.executeUpdate(recordExitInterviewUpdate, {
        args: [{ reasons: ['salary'] as never, wouldHaveKept: [], actor: 'hr' }],
      }),
    ).rejects.toThrow(rejection('Onbekende vertrekreden "salary"; kies uit:'));
    await handle.executeUpdate(recordExitInterviewUpdate, {
      args: [{ reasons: ['workload'], wouldHaveKept: ['less-workload'], actor: 'hr' }],
    });
    expect(await handle.result()).toBe('left');
    const events = await harness().events(hireIdOf(handle));
    expect(events.find((event) => event.type === 'ExitInterviewHeld')!.data).toMatchObject({
      reasons: ['workload'],
      wouldHaveKept: ['less-workload'],
    });
    expect(events.map((event) => event.type)).not.toContain('SurveyInvitationSent');
    await recordHistory(handle, 'journey-exit-interview');
  });

  it('after day 90 the survey invitation is on record, and then the termination', async () => {
    const handle = await harness().startJourney({ startsInDays: 5 });
    await harness().env.sleep('100 days');
    await handle.executeUpdate(registerTerminationUpdate, {
      args: [{ lastWorkingDay: await harness().today(), actor: 'hr' }],
    });
    const types = await harness().eventTypes(hireIdOf(handle));
    expect(types.indexOf('SurveyInvitationSent')).toBeGreaterThan(-1);
    expect(types.indexOf('SurveyInvitationSent')).toBeLessThan(types.indexOf('TerminationRegistered'));
    await handle.executeUpdate(recordExitInterviewUpdate, {
      args: [{ reasons: ['career-opportunities'], wouldHaveKept: [], actor: 'hr' }],
    });
    expect(await handle.result()).toBe('left');
  });

  it('moves every due date with a new start date, and the end date with long leave', async () => {
    const handle = await harness().startJourney({ startsInDays: 30 });
    const before = await viewWhen(handle, (view) => view.stage === 'preboarding');
    const later = await handle.executeUpdate(changeStartDateUpdate, {
      args: [{ startDate: shift(before.startDate, 14), actor: 'hr' }],
    });
    // The template's milestones (30, 31, 42 and 90 days after the start date), all on the new start date's count.
    expect(later.startDate).toBe(shift(before.startDate, 14));
    expect(
      later.items!.filter((item) => item.kind === 'milestone').map(({ id, dueDate }) => ({ id, dueDate })),
    ).toEqual([
      { id: 'milestone:first-month-without-caseload', dueDate: shift(before.startDate, 14 + 30) },
      { id: 'milestone:first-own-caseload', dueDate: shift(before.startDate, 14 + 31) },
      { id: 'milestone:skj-registration', dueDate: shift(before.startDate, 14 + 42) },
      { id: 'milestone:caseload-build-up-check', dueDate: shift(before.startDate, 14 + 90) },
      { id: 'milestone:meldcode-training', dueDate: shift(before.startDate, 14 + 90) },
    ]);
    await expect(
      handle.executeUpdate(changeStartDateUpdate, { args: [{ startDate: 'morgen', actor: 'hr' }] }),
    ).rejects.toThrow(rejection('De startdatum moet een datum zijn (JJJJ-MM-DD).'));

    await harness().env.sleep('50 days');
    const paused = await handle.executeUpdate(startLeaveUpdate, {
      args: [{ from: await harness().today(), actor: 'hr' }],
    });
    expect(paused.stage).toBe('on-leave');
    await harness().env.sleep('30 days');
    const resumed = await handle.executeUpdate(endLeaveUpdate, {
      args: [{ until: await harness().today(), actor: 'hr' }],
    });
    expect(daysBetween(later.endDate!, resumed.endDate!)).toBe(30);
    await handle.executeUpdate(registerTerminationUpdate, {
      args: [{ lastWorkingDay: await harness().today(), actor: 'hr' }],
    });
    const types = await harness().eventTypes(hireIdOf(handle));
    expect(types).toEqual(expect.arrayContaining(['StartDateChanged', 'LeaveStarted', 'LeaveEnded']));
    await recordHistory(handle, 'journey-start-date-and-leave');
  });

  it('tailors the learning line of one running journey: add, move and drop milestones, then complete one', async () => {
    const handle = await harness().startJourney({ startsInDays: 10 });
    await viewWhen(handle, (view) => view.stage === 'preboarding');
    const intervision = {
      id: 'intervision-starters',
      kind: 'intervision',
      title: 'Intervisie met andere starters',
      dueOffsetDays: 60,
      responsibleRole: 'mentor',
      reminderOffsetDays: -7,
      escalationOffsetDays: 7,
    } as const;
    const added = await handle.executeUpdate(changeLearningLineUpdate, {
      args: [{ change: { kind: 'add-milestone', milestone: intervision }, actor: 'hr' }],
    });
    expect(added.items?.find((item) => item.id === 'milestone:intervision-starters')).toMatchObject({
      status: 'open',
      ownerRole: 'mentor',
    });
    const moved = await handle.executeUpdate(changeLearningLineUpdate, {
      args: [
        { change: { kind: 'move-milestone', milestoneId: 'caseload-build-up-check', dueOffsetDays: 120 }, actor: 'hr' },
      ],
    });
    const before = added.items!.find((item) => item.id === 'milestone:caseload-build-up-check')!;
    expect(daysBetween(before.dueDate, moved.items!.find((item) => item.id === before.id)!.dueDate)).toBe(30);
    const dropped = await handle.executeUpdate(changeLearningLineUpdate, {
      args: [{ change: { kind: 'drop-milestone', milestoneId: 'first-month-without-caseload' }, actor: 'hr' }],
    });
    expect(dropped.items?.some((item) => item.id === 'milestone:first-month-without-caseload')).toBe(false);
    await expect(
      handle.executeUpdate(changeLearningLineUpdate, {
        args: [{ change: { kind: 'drop-milestone', milestoneId: 'no-such-milestone' }, actor: 'hr' }],
      }),
    ).rejects.toThrow(rejection('milestoneId: Deze reis heeft geen mijlpaal "no-such-milestone".'));
    await handle.executeUpdate(completeItemUpdate, {
      args: [{ itemId: 'milestone:intervision-starters', actor: 'mentor-anna' }],
    });
    await expect(
      handle.executeUpdate(completeItemUpdate, {
        args: [{ itemId: 'milestone:intervision-starters', actor: 'mentor-anna' }],
      }),
    ).rejects.toThrow(rejection('"milestone:intervision-starters" is al afgerond of vervallen.'));
    const types = await harness().eventTypes(hireIdOf(handle));
    expect(types.filter((type) => type === 'LearningLineChanged')).toHaveLength(3);
    expect(types).toContain('MilestoneCompleted');
    await handle.executeUpdate(withdrawCandidateUpdate, { args: [{ actor: 'hr' }] });
    await recordHistory(handle, 'journey-learning-line');
  });

  it('runs a two-year programme through continue-as-new without losing or repeating a step', async () => {
    const handle = await harness().startJourney({
      startsInDays: 15,
      templateId: 'rvdk-two-year-programme',
      maxHistoryEvents: 80,
    });
    const asked = await viewWhen(handle, (view) => view.mentor?.status === 'asked');
    // Team Tiel like the hire and the most experienced; the earlier journeys' mentorships have ended or never began.
    expect(asked.mentor?.asked).toEqual(['mentor-anna']);
    await handle.executeUpdate(answerMentorRequestUpdate, {
      args: [{ mentorRef: 'mentor-anna', accept: true, actor: 'mentor-anna' }],
    });
    expect(await handle.result()).toBe('landed');
    const description = await handle.describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId); // it did continue as new
    const events = await harness().events(hireIdOf(handle));
    expect(events.map((event) => Number(event.revision))).toEqual(events.map((_, index) => index));
    const keyed = events.map((event) => `${event.type}:${String(event.data.itemId ?? '')}`);
    expect(new Set(keyed.filter((key) => key.startsWith('TaskReminderSent'))).size).toBe(
      keyed.filter((key) => key.startsWith('TaskReminderSent')).length,
    );
    const started = events.find((event) => event.type === 'JourneyStarted')!;
    expect(
      daysBetween(String(started.data.startDate), String(events.at(-1)!.metadata.occurredAt).slice(0, 10)),
    ).toBeGreaterThanOrEqual(730);
  });
});

/**
 * What a refused command looks like to its caller: the update fails with the journey's own failure type and
 * its Dutch words, not with any error at all (a crashed validator or a lost connection would pass a bare toThrow).
 */
function rejection(message: string) {
  return expect.objectContaining({
    name: 'WorkflowUpdateFailedError',
    cause: expect.objectContaining({
      name: 'ApplicationFailure',
      type: 'JourneyCommandRejected',
      message: expect.stringContaining(message),
    }),
  });
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
