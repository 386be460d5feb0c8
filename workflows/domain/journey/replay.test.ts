import type { IsoDate } from '../calendar';
import { rivierenlandTemplate } from '../defaultTemplates';
import { type ClockTick, type JourneyCommand, decide, isRejection } from './decide';
import { evolve, initialJourneyState } from './evolve';
import { type RecordedJourneyEvent, journeyTasks, replayJourney } from './replay';
import type { JourneyState } from './state';
import { planOfJourneyStarted, upcastJourneyEvent } from './upcast';
import { marchHireReplay } from '../../../test/support/marchHireReplay';

const MARCH_HIRE = { organisationId: 'rivierenland', role: 'Jeugdzorgwerker', team: 'Noord' };
const { template: TEMPLATE, input: INPUT, known } = marchHireReplay(rivierenlandTemplate, MARCH_HIRE);

/** The journey as the workflow runs it: decide, evolve, and what it recorded. */
function journey() {
  let state: JourneyState = initialJourneyState(INPUT, 'wf', TEMPLATE, '2026-01-05');
  const recorded: RecordedJourneyEvent[] = [];
  const when = (command: JourneyCommand | ClockTick, on: IsoDate, actor = 'system:hire-journey') => {
    const decision = decide(state, command, on);
    if (isRejection(decision)) throw new Error(decision.message);
    for (const event of decision.events) {
      state = evolve(state, event, { actor, on });
      recorded.push({ ...event, data: event.data as unknown as Record<string, unknown>, actor, on });
    }
  };
  return { when, recorded, state: () => state };
}

/** What the fold and the workflow must agree on; the input and workflow id are the workflow's, not in events. */
const comparable = ({ input: _input, workflowId: _id, revision: _revision, ...state }: JourneyState) => state;

describe("a hire's recorded events folded with evolve", () => {
  it('given a task HR added, moved and re-owned, then the tasks list has it so; once dropped it is gone', () => {
    const j = journey();
    j.when({ kind: 'StartJourney' }, '2026-01-05');
    const change = (kind: string, rest: object, changeId: string) =>
      j.when({ kind: 'ChangePlanItem', change: { kind, ...rest } as never, changeId, actor: 'hr:ann' }, '2026-01-06');
    change('add-task', { title: 'Parkeren', ownerRole: 'facilities', dueDate: '2026-01-20' }, 'a'.repeat(32));
    const itemId = 'adhoc:hr-aaaaaaaaaaaaaaaa';
    change('move-item', { itemId, dueDate: '2026-02-03' }, 'b'.repeat(32));
    change('reown-item', { itemId, ownerRole: 'it' }, 'c'.repeat(32));
    const tasks = journeyTasks(replayJourney(j.recorded, known));
    expect(tasks.find((task) => task.itemId === itemId)).toMatchObject({
      kind: 'adhoc-task',
      ownerRole: 'it',
      dueDate: '2026-02-03',
      status: 'open',
    });
    expect(comparable(replayJourney(j.recorded, known).state!)).toEqual(comparable(j.state()));
    change('drop-item', { itemId }, 'd'.repeat(32));
    expect(journeyTasks(replayJourney(j.recorded, known)).some((task) => task.itemId === itemId)).toBe(false);
  });

  it('given the events a journey recorded, then the fold is the state the journey had', () => {
    const j = journey();
    j.when({ kind: 'StartJourney' }, '2026-01-05');
    j.when({ kind: 'RecordMentorSearch', candidate: 'm-1' }, '2026-01-05');
    j.when({ kind: 'AnswerMentorRequest', mentorRef: 'm-1', accept: true, actor: 'mentor:m-1' }, '2026-01-06');
    j.when({ kind: 'CompleteItem', itemId: 'task:read-cv-and-ask-interviewers', actor: 'p-manager' }, '2026-01-20');
    j.when({ kind: 'ChangeStartDate', startDate: '2026-03-09', actor: 'hr:ann' }, '2026-01-21');
    j.when({ kind: 'StartLeave', from: '2026-04-01', actor: 'hr:ann' }, '2026-04-01');
    j.when({ kind: 'EndLeave', until: '2026-04-11', actor: 'hr:ann' }, '2026-04-11');
    expect(comparable(replayJourney(j.recorded, known).state!)).toEqual(comparable(j.state()));
  });

  it('given a termination while a mentor is being asked, then the request ends and no task is still open but the exit interview', () => {
    const j = journey();
    j.when({ kind: 'StartJourney' }, '2026-01-05');
    j.when({ kind: 'RecordMentorSearch', candidate: 'm-1' }, '2026-01-05');
    j.when({ kind: 'RegisterTermination', lastWorkingDay: '2026-01-31', actor: 'hr:ann' }, '2026-01-10');
    const replayed = replayJourney(j.recorded, known);
    expect(replayed.state!.mentor.status).toBe('ended');
    expect(replayed.state!.mentor.status).toBe(j.state().mentor.status);
    expect(
      journeyTasks(replayed)
        .filter((task) => task.status === 'open')
        .map((task) => task.itemId),
    ).toEqual(['adhoc:exit-interview']);
  });

  it('given a template nobody can look up, then the items keep their recorded days and the titles the start recorded', () => {
    const j = journey();
    j.when({ kind: 'StartJourney' }, '2026-01-05');
    const nobody = () => undefined;
    const tasks = journeyTasks(replayJourney(j.recorded, nobody));
    const workflows = journeyTasks(replayJourney(j.recorded, known));
    expect(tasks.map((task) => [task.itemId, task.dueDate, task.title])).toEqual(
      workflows.map((task) => [task.itemId, task.dueDate, task.title]),
    );
    expect(tasks.find((task) => task.itemId === 'task:read-cv-and-ask-interviewers')?.title).toBe(
      'Lees het cv en vraag de sollicitatiecommissie wat opviel',
    );
  });

  it('given a start recorded before the titles and no template, then the items take the titles reminders named', () => {
    const j = journey();
    j.when({ kind: 'StartJourney' }, '2026-01-05');
    const untitled = j.recorded.map((event) =>
      event.type === 'JourneyStarted'
        ? {
            ...event,
            data: {
              ...event.data,
              items: (event.data.items as Record<string, unknown>[]).map(({ title: _t, titleEn: _e, ...item }) => item),
            },
          }
        : event,
    );
    const reminded: RecordedJourneyEvent = {
      type: 'TaskReminderSent',
      data: { ...INPUT, itemId: 'task:read-cv-and-ask-interviewers', title: 'Lees het cv', dueDate: '2026-02-23' },
      actor: 'system:hire-journey',
      on: '2026-02-21',
    };
    const tasks = journeyTasks(replayJourney([...untitled, reminded], () => undefined));
    expect(tasks.find((task) => task.itemId === 'task:read-cv-and-ask-interviewers')).toMatchObject({
      title: 'Lees het cv',
      remindedOn: '2026-02-21',
      ownerRef: 'p-manager',
    });
    expect(tasks.find((task) => task.itemId === 'task:accounts-ready')?.title).toBe('task:accounts-ready');
  });

  it('given a journey that ended, then what was still open counts as cancelled because the journey ended', () => {
    const j = journey();
    j.when({ kind: 'StartJourney' }, '2026-01-05');
    const ended: RecordedJourneyEvent = {
      type: 'JourneyEnded',
      data: { organisationId: 'rivierenland', hireId: 'h-1', outcome: 'landed' },
      actor: 'system:hire-journey',
      on: '2027-03-02',
    };
    const tasks = journeyTasks(replayJourney([...j.recorded, ended], known));
    expect(new Set(tasks.map((task) => `${task.status}:${task.cancelReason}`))).toEqual(
      new Set(['cancelled:journey-ended']),
    );
  });
});

describe('upcasting old event shapes', () => {
  const on = '2026-04-01';
  it('given an exit interview request of before it named its task, then it is the exit-interview task for HR, due that day', () => {
    expect(
      upcastJourneyEvent({ type: 'ExitInterviewRequested', data: { organisationId: 'o', hireId: 'h' }, on }),
    ).toEqual({
      type: 'ExitInterviewRequested',
      data: {
        organisationId: 'o',
        hireId: 'h',
        itemId: 'adhoc:exit-interview',
        ownerRole: 'hr',
        dueDate: on,
        mailDelivered: false,
      },
    });
  });

  it('given events without their day, a request naming nobody, an unknown outcome or type, then the day is the recording day and the rest is skipped', () => {
    expect(upcastJourneyEvent({ type: 'LeaveStarted', data: { organisationId: 'o', hireId: 'h' }, on })?.data).toEqual({
      organisationId: 'o',
      hireId: 'h',
      from: on,
    });
    expect(
      upcastJourneyEvent({ type: 'MentorRequested', data: { organisationId: 'o', hireId: 'h' }, on }),
    ).toBeUndefined();
    expect(upcastJourneyEvent({ type: 'JourneyEnded', data: { outcome: 'vanished' }, on })).toBeUndefined();
    expect(upcastJourneyEvent({ type: 'SomethingNewer', data: {}, on })).toBeUndefined();
  });

  it('given the walking skeleton’s JourneyStarted with only a start date, then the plan has no items and no template', () => {
    const plan = planOfJourneyStarted({ organisationId: 'o', hireId: 'h', startDate: '2026-03-02' }, undefined, on);
    expect(plan).toMatchObject({ templateId: '', items: [], startDate: '2026-03-02', endDate: '2026-03-02' });
  });
});

describe('a fold of events written out as the store holds them', () => {
  const hire = { organisationId: 'rivierenland', hireId: 'h-7' };
  const SYSTEM = 'system:hire-journey';
  const recorded = (type: string, data: object, on: IsoDate, actor = SYSTEM): RecordedJourneyEvent => ({
    type,
    data: { ...hire, ...data },
    on,
    actor,
  });
  /** What a registration with every field carries into the journey's input. */
  const registration = {
    startDate: '2026-03-02',
    role: 'Jeugdzorgwerker',
    team: 'Noord',
    location: 'Tiel',
    managerRef: 'p-manager',
    rehireOf: 'h-3',
    contactPersonRef: 'hr-anna',
  };
  const registered = recorded(
    'HireRegistered',
    { ...registration, vacancyProfileId: 'vp-1', vacancyProfileVersion: 2 },
    '2026-01-05',
    'hr:ann',
  );
  const item = (id: string, ownerRole: string | null, dueDate: IsoDate, title = `Titel van ${id}`) => ({
    id,
    title,
    kind: 'preboarding-task',
    ownerRole,
    dueDate,
  });
  /** A journey whose template nobody can look up: its plan is what JourneyStarted listed. */
  const started = recorded(
    'JourneyStarted',
    {
      startDate: '2026-03-02',
      templateId: 'gone',
      templateVersion: 4,
      endDate: '2027-03-02',
      items: [
        item('task:b-hr', 'hr', '2026-02-20'),
        item('task:a-hr', 'hr', '2026-02-20'),
        item('task:new-hire', 'new-hire', '2026-02-25'),
        item('task:manager', 'manager', '2026-02-27'),
        item('task:mentor', 'mentor', '2026-03-09'),
        item('task:d-it', 'it', '2026-03-01'),
        item('task:c-it', 'it', '2026-03-01'),
        item('task:e-it', 'it', '2026-03-01'),
      ],
    },
    '2026-01-05',
  );
  const nobody = () => undefined;

  it('given a registration with every field and a start on a known template, then the input is the registration’s, without who or which workflow', () => {
    const start = recorded(
      'JourneyStarted',
      { startDate: '2026-03-02', templateId: TEMPLATE.id, templateVersion: TEMPLATE.version },
      '2026-01-05',
    );
    const state = replayJourney([registered, start], known).state!;
    // Every field of the registration but the vacancy profile's.
    expect(state.input).toStrictEqual({
      organisationId: 'rivierenland',
      hireId: 'h-7',
      ...registration,
      templateId: 'rivierenland-team',
      actor: '',
      registrationFingerprint: '',
    });
    expect(state.workflowId).toBe('');
    expect(state.template).toBe(TEMPLATE);
  });

  it('given a start without a registration and a template nobody can look up, then the input has no role and names no template', () => {
    const state = replayJourney([started], nobody).state!;
    expect(state.input).toStrictEqual({
      organisationId: 'rivierenland',
      hireId: 'h-7',
      startDate: '2026-03-02',
      role: '',
      actor: '',
      registrationFingerprint: '',
    });
    expect(state.template).toMatchObject({ id: 'gone', version: 4, preboardingTasks: [], milestones: [] });
  });

  it('given reminders and escalations, one by the digest, then each task keeps the day of each nudge and the first title named', () => {
    const nudged = replayJourney(
      [
        registered,
        started,
        recorded(
          'TaskReminderSent',
          { itemId: 'task:a-hr', title: 'Andere titel', dueDate: '2026-02-20', ownerRole: 'hr', mailDelivered: true },
          '2026-02-18',
        ),
        recorded(
          'TaskEscalated',
          {
            itemId: 'task:a-hr',
            title: 'Nog een titel',
            dueDate: '2026-02-20',
            ownerRole: 'hr',
            mailDelivered: false,
            byDigest: true,
          },
          '2026-02-23',
        ),
        recorded(
          'TaskEscalated',
          { itemId: 'task:b-hr', title: '', dueDate: '2026-02-20', ownerRole: 'hr', mailDelivered: true },
          '2026-02-24',
        ),
      ],
      nobody,
    );
    expect(nudged.nudges).toStrictEqual({
      'task:a-hr': { remindedOn: '2026-02-18', escalatedOn: '2026-02-23', escalatedByDigest: true },
      'task:b-hr': { escalatedOn: '2026-02-24' },
    });
    expect(nudged.titles).toStrictEqual({ 'task:a-hr': 'Andere titel' });
    const tasks = journeyTasks(nudged);
    // The start recorded a title, so the one the reminder carried does not replace it.
    expect(tasks.find((task) => task.itemId === 'task:a-hr')).toStrictEqual({
      itemId: 'task:a-hr',
      kind: 'preboarding-task',
      title: 'Titel van task:a-hr',
      ownerRole: 'hr',
      ownerRef: null,
      dueDate: '2026-02-20',
      status: 'open',
      remindedOn: '2026-02-18',
      escalatedOn: '2026-02-23',
    });
    expect(tasks.find((task) => task.itemId === 'task:b-hr')).toStrictEqual({
      itemId: 'task:b-hr',
      kind: 'preboarding-task',
      title: 'Titel van task:b-hr',
      ownerRole: 'hr',
      ownerRef: null,
      dueDate: '2026-02-20',
      status: 'open',
      escalatedOn: '2026-02-24',
    });
  });

  it('given a task done, one cancelled and an accepted mentor, then the tasks are these, by due day then id, each held by its person', () => {
    const events = [
      registered,
      started,
      recorded('MentorRequested', { mentorRef: 'm-1', answerDeadline: '2026-01-08', hoursPerWeek: 5 }, '2026-01-05'),
      recorded('MentorAccepted', { mentorRef: 'm-1', hoursPerWeek: 5 }, '2026-01-06', 'mentor:m-1'),
      recorded('TaskCompleted', { itemId: 'task:new-hire' }, '2026-02-24', 'h-7'),
      recorded('OpenTasksCancelled', { itemIds: ['task:d-it'], reason: 'withdrawn' }, '2026-02-26'),
    ];
    const task = (itemId: string, ownerRole: string, ownerRef: string | null, dueDate: IsoDate) => ({
      itemId,
      kind: 'preboarding-task',
      title: `Titel van ${itemId}`,
      ownerRole,
      ownerRef,
      dueDate,
      status: 'open',
    });
    expect(journeyTasks(replayJourney(events, nobody))).toStrictEqual([
      task('task:a-hr', 'hr', null, '2026-02-20'),
      task('task:b-hr', 'hr', null, '2026-02-20'),
      {
        ...task('task:new-hire', 'new-hire', 'h-7', '2026-02-25'),
        status: 'done',
        completedBy: 'h-7',
        completedOn: '2026-02-24',
      },
      task('task:manager', 'manager', 'p-manager', '2026-02-27'),
      task('task:c-it', 'it', null, '2026-03-01'),
      { ...task('task:d-it', 'it', null, '2026-03-01'), status: 'cancelled', cancelReason: 'withdrawn' },
      task('task:e-it', 'it', null, '2026-03-01'),
      task('task:mentor', 'mentor', 'm-1', '2026-03-09'),
    ]);
  });

  it('given a mentorship that ended, or no mentor yet and no manager, then nobody in particular holds those tasks', () => {
    const asked = recorded(
      'MentorRequested',
      { mentorRef: 'm-1', answerDeadline: '2026-01-08', hoursPerWeek: 5 },
      '2026-01-05',
    );
    const accepted = recorded('MentorAccepted', { mentorRef: 'm-1', hoursPerWeek: 5 }, '2026-01-06', 'mentor:m-1');
    const ended = recorded('MentorshipEnded', { mentorRef: 'm-1', reason: 'period-ended' }, '2027-03-02');
    const ownerRefs = (events: RecordedJourneyEvent[]) =>
      Object.fromEntries(
        journeyTasks(replayJourney(events, nobody))
          .filter((task) => task.ownerRole === 'mentor' || task.ownerRole === 'manager')
          .map((task) => [task.itemId, task.ownerRef]),
      );
    expect(ownerRefs([registered, started, asked, accepted, ended])).toEqual({
      'task:manager': 'p-manager',
      'task:mentor': null,
    });
    expect(ownerRefs([started, asked])).toEqual({ 'task:manager': null, 'task:mentor': null });
  });
});
