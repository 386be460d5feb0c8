/**
 * The journey as it ran before the decider (JOURNEY_DECIDER_PATCH): kept unchanged so journeys started then replay
 * exactly as they were recorded (test/replay). New journeys run hireJourney.ts; nothing new is added here.
 */
import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  ADHOC_ESCALATION_DAYS,
  EXIT_INTERVIEW_GRACE_DAYS,
  EXIT_INTERVIEW_TITLE,
  FIND_MENTOR_TITLE,
  hireRegisteredData,
  initialJourneyState,
} from './domain/journey';
import type { hireJourney } from './hireJourney';
import {
  MENTOR_REQUEST_MAIL_PATCH,
  PLANNING_WINDOW_PATCH,
  SURVEY_LINKS_PATCH,
  SYSTEM_ACTOR,
  activities,
  hireRef,
  WakeUp,
  registeredView,
  reject,
  today,
} from './hireJourneyRuntime';
import type { JourneyMail } from './journeyActivities';
import { type IsoDate, addDays, compareDates, isIsoDate, laterOf } from './domain/calendar';
import { validateExitReasons } from './domain/exitReasons';
import { isWithinPlanningWindow, planningWindow } from './domain/planningWindow';
import { JourneyTemplateChangeError } from './domain/journeyTemplate';
import { type PlanAction, changePlan, moveStartDate, pausePlan, resumePlan } from './domain/schedule';
import {
  type HireJourneyInput,
  type JourneyOutcome,
  type JourneyView,
  answerMentorRequestUpdate,
  changeLearningLineUpdate,
  changeStartDateUpdate,
  completeItemUpdate,
  endLeaveUpdate,
  hrisStartDateChangedSignal,
  hrisTerminationSignal,
  journeyViewQuery,
  recordExitInterviewUpdate,
  registerTerminationUpdate,
  startLeaveUpdate,
  surveyAnsweredSignal,
  withdrawCandidateUpdate,
} from './hireJourneyContract';
import {
  type AdhocTask,
  EXIT_INTERVIEW_TASK_ID,
  FIND_MENTOR_TASK_ID,
  type JourneyState,
  actionKey,
  dueActions,
  isOpen,
  journeyView,
  openHumanItemIds,
} from './journeyState';
import { untitledJourneyStartedData } from './domain/journey/untitledJourneyStarted';

/** The journey with stages, as it ran before the decider. */
export async function legacyJourney(
  input: HireJourneyInput,
  carried?: JourneyState,
): Promise<JourneyOutcome | undefined> {
  // Handlers first: a query or command that arrives while the template loads is answered, not lost.
  const journey = new Journey(input);
  journey.listen();
  journey.state = carried ?? (await begin(input));
  await journey.run();
  return journey.state.outcome;
}

async function begin(input: HireJourneyInput): Promise<JourneyState> {
  const template = await activities.loadJourneyTemplate({
    organisationId: input.organisationId,
    ...(input.templateId ? { templateId: input.templateId } : {}),
  });
  return initialJourneyState(input, workflowInfo().workflowId, template, today());
}

class Journey {
  /** Unset only while the first activity loads the template. */
  state!: JourneyState;
  /** Changes to state and the events that record them happen one at a time: handlers interleave with the loop. */
  private lock: Promise<unknown> = Promise.resolve();
  private readonly wakeUp = new WakeUp();
  private surveyAnswered = false;

  constructor(private readonly input: HireJourneyInput) {}

  listen(): void {
    setHandler(journeyViewQuery, () => (this.state ? journeyView(this.state, today()) : registeredView(this.input)));
    setHandler(completeItemUpdate, (command) => this.command(() => this.completeItem(command.itemId, command.actor)), {
      validator: (command) => this.validateCompletion(command.itemId),
    });
    setHandler(
      answerMentorRequestUpdate,
      (command) => this.command(() => this.mentorAnswered(command.mentorRef, command.accept, command.actor)),
      {
        validator: (command) => {
          this.requireActive();
          if (this.state.mentor.status !== 'asked' || this.state.mentor.askedRef !== command.mentorRef) {
            reject('Deze mentor is nu niet gevraagd voor deze nieuwe collega.');
          }
        },
      },
    );
    setHandler(
      changeStartDateUpdate,
      (command) => this.command(() => this.changeStartDate(command.startDate, command.actor)),
      {
        validator: (command) => this.validateStartDateChange(command.startDate),
      },
    );
    setHandler(hrisStartDateChangedSignal, (fact) => {
      // A fact from the HR system: take it when it can apply, and leave the rest to the people involved.
      if (isIsoDate(fact.startDate) && this.active() && plannable(fact.startDate))
        void this.command(() => this.changeStartDate(fact.startDate, fact.actor));
    });
    setHandler(surveyAnsweredSignal, (answered) => {
      // Journeys from before the personal links never got this signal; their replay must not record it either.
      if (!this.state || this.surveyAnswered || !patched(SURVEY_LINKS_PATCH)) return;
      // A legacy journey has no pulse surveys; only the 90-day survey's answer is its own.
      if (answered?.survey !== undefined && answered.survey !== 'ninety-days') return;
      this.surveyAnswered = true;
      void this.serially(() =>
        this.record(SYSTEM_ACTOR, [
          { type: 'SurveyTokenSpent', data: { ...hireRef(this.state.input), survey: 'ninety-days' } },
        ]),
      );
    });
    setHandler(withdrawCandidateUpdate, (command) => this.command(() => this.withdraw(command.reason, command.actor)), {
      validator: (_command) => {
        this.requireActive();
        if (compareDates(today(), this.state.plan.startDate) >= 0) {
          reject('De nieuwe collega is al begonnen; meld een uitdiensttreding in plaats van een terugtrekking.');
        }
      },
    });
    setHandler(
      registerTerminationUpdate,
      (command) => this.command(() => this.terminate(command.lastWorkingDay, command.actor)),
      {
        validator: (command) => {
          this.requireActive();
          if (!isIsoDate(command.lastWorkingDay)) reject('De laatste werkdag moet een datum zijn (JJJJ-MM-DD).');
          requireWithinPlanningWindow(command.lastWorkingDay, 'De laatste werkdag');
        },
      },
    );
    setHandler(hrisTerminationSignal, (fact) => {
      if (isIsoDate(fact.lastWorkingDay) && this.active() && plannable(fact.lastWorkingDay))
        void this.command(() => this.terminate(fact.lastWorkingDay, fact.actor));
    });
    setHandler(recordExitInterviewUpdate, (command) => this.command(() => this.exitInterviewHeld(command)), {
      validator: (command) => {
        if (!this.state?.leaving || this.state.outcome)
          reject('Er is geen exitgesprek te verslaan: de medewerker gaat niet uit dienst.');
        const result = validateExitReasons(command);
        if (!result.ok) reject(result.problems.join(' '));
      },
    });
    setHandler(
      changeLearningLineUpdate,
      (command) => this.command(() => this.changeLearningLine(command.change, command.actor)),
      {
        validator: (command) => {
          this.requireActive();
          try {
            changePlan(this.state.plan, command.change, today());
          } catch (error) {
            reject(
              error instanceof JourneyTemplateChangeError || error instanceof RangeError
                ? error.message
                : String(error),
            );
          }
        },
      },
    );
    setHandler(startLeaveUpdate, (command) => this.command(() => this.startLeave(command.from, command.actor)), {
      validator: (command) => {
        this.requireActive();
        if (!isIsoDate(command.from)) reject('De eerste verlofdag moet een datum zijn (JJJJ-MM-DD).');
        requireWithinPlanningWindow(command.from, 'De eerste verlofdag');
        if (this.state.plan.pausedSince !== null) reject(`De reis staat al stil sinds ${this.state.plan.pausedSince}.`);
      },
    });
    setHandler(endLeaveUpdate, (command) => this.command(() => this.endLeave(command.until, command.actor)), {
      validator: (command) => {
        this.requireActive();
        const since = this.state.plan.pausedSince;
        if (since === null) reject('De reis staat niet stil; er valt niets te hervatten.');
        if (!isIsoDate(command.until) || compareDates(command.until, since!) < 0) {
          reject(`Het verlof eindigt op een datum (JJJJ-MM-DD) op of na ${since}.`);
        }
        requireWithinPlanningWindow(command.until, 'De laatste verlofdag');
      },
    });
  }

  async run(): Promise<void> {
    if (this.state.revision < 0) await this.serially(() => this.start());
    while (!this.state.outcome) {
      for (const action of dueActions(this.state, today())) await this.serially(() => this.act(action));
      await this.serially(() => this.followUpMentorAndAdhocTasks());
      if (this.state.outcome) break;
      // The state as it is when every handler has finished, not as it was when the turn ended.
      await this.wakeUp.endTurn(this.state, () => continueAsNew<typeof hireJourney>(this.state.input, this.state));
    }
    await condition(allHandlersFinished);
  }

  // ---- the journey's own steps ----

  private async start(): Promise<void> {
    const { input, template, plan } = this.state;
    await this.record(input.actor, [
      { type: 'HireRegistered', data: { ...hireRegisteredData(input) } },
      {
        type: 'JourneyStarted',
        data: {
          ...hireRef(input),
          ...untitledJourneyStartedData(plan, template),
        },
      },
    ]);
    await this.askNextMentor();
  }

  private async act(action: PlanAction): Promise<void> {
    const item = this.state.plan.items.find((candidate) => candidate.id === action.itemId)!;
    this.state = { ...this.state, handled: [...this.state.handled, actionKey(action)] };
    const base = { ...hireRef(this.state.input), itemId: item.id, title: item.title, dueDate: item.dueDate };
    if (action.action === 'reminder' || action.action === 'escalation') {
      const escalation = action.action === 'escalation';
      const delivered = await this.mail(`${item.id}/${action.action}`, {
        kind: escalation ? 'task-escalation' : 'task-reminder',
        recipientRole: escalation ? 'manager' : (item.ownerRole ?? 'hr'),
        ownerRole: item.ownerRole ?? 'hr',
        title: item.title,
        dueDate: item.dueDate,
      });
      await this.record(SYSTEM_ACTOR, [
        {
          type: escalation ? 'TaskEscalated' : 'TaskReminderSent',
          data: { ...base, ownerRole: item.ownerRole, mailDelivered: delivered },
        },
      ]);
      return;
    }
    switch (item.kind) {
      case 'welcome-mail': {
        const delivered = await this.mail(item.id, {
          kind: 'welcome-new-hire',
          recipientRole: 'new-hire',
          startDate: this.state.plan.startDate,
        });
        await this.record(SYSTEM_ACTOR, [{ type: 'WelcomeMailSent', data: { ...base, mailDelivered: delivered } }]);
        return;
      }
      case 'survey-invitation':
      case 'survey-reminder': {
        const invitation = item.kind === 'survey-invitation';
        if (patched(SURVEY_LINKS_PATCH)) {
          const { input } = this.state;
          const outcome = await activities.sendSurveyMail({
            organisationId: input.organisationId,
            hireId: input.hireId,
            ...(input.managerRef ? { managerRef: input.managerRef } : {}),
            kind: item.kind,
            idempotencyKey: `${this.state.workflowId}/${item.id}`,
            invitedOn: today(),
            hire: {
              startDate: this.state.plan.startDate,
              role: input.role,
              ...(input.team === undefined ? {} : { team: input.team }),
              ...(input.location === undefined ? {} : { location: input.location }),
              templateId: this.state.template.id,
            },
          });
          // Who answered gets no reminder; their stream already says they answered (SurveyTokenSpent).
          if (outcome.answered) return;
          await this.record(SYSTEM_ACTOR, [
            {
              type: invitation ? 'SurveyInvitationSent' : 'SurveyReminderSent',
              data: { ...base, survey: 'ninety-days', mailDelivered: outcome.delivered },
            },
          ]);
          return;
        }
        const delivered = await this.mail(item.id, {
          kind: invitation ? 'survey-invitation' : 'survey-reminder',
          recipientRole: 'new-hire',
        });
        // The hire's stream records that the anonymous survey was offered, never anything answered.
        await this.record(SYSTEM_ACTOR, [
          {
            type: invitation ? 'SurveyInvitationSent' : 'SurveyReminderSent',
            data: { ...base, survey: 'ninety-days', mailDelivered: delivered },
          },
        ]);
        return;
      }
      case 'mentor-period-end':
        await this.releaseMentor('period-ended');
        return;
      case 'programme-end':
        await this.end('landed', SYSTEM_ACTOR);
        return;
      default:
        return; // the coffee moment is proposed in the mentor's welcome mail; nothing happens on the day itself
    }
  }

  private async followUpMentorAndAdhocTasks(): Promise<void> {
    const now = today();
    const { mentor } = this.state;
    if (mentor.status === 'asked' && mentor.answerDeadline && compareDates(mentor.answerDeadline, now) <= 0) {
      await this.record(SYSTEM_ACTOR, [
        { type: 'MentorRequestExpired', data: { ...hireRef(this.state.input), mentorRef: mentor.askedRef } },
      ]);
      await this.askNextMentor();
    }
    for (const task of this.state.adhoc) {
      if (!isOpen(this.state, task.id)) continue;
      const key = `${task.id}:escalation`;
      if (compareDates(task.escalationDate, now) <= 0 && !this.state.handled.includes(key)) {
        this.state = { ...this.state, handled: [...this.state.handled, key] };
        if (task.id === EXIT_INTERVIEW_TASK_ID && this.state.leaving) {
          await this.end('left', SYSTEM_ACTOR, { exitInterview: 'not-held' });
          return;
        }
        const delivered = await this.mail(key, {
          kind: 'task-escalation',
          recipientRole: 'manager',
          ownerRole: task.ownerRole,
          title: task.title,
          dueDate: task.dueDate,
        });
        await this.record(SYSTEM_ACTOR, [
          {
            type: 'TaskEscalated',
            data: {
              ...hireRef(this.state.input),
              itemId: task.id,
              title: task.title,
              dueDate: task.dueDate,
              ownerRole: task.ownerRole,
              mailDelivered: delivered,
            },
          },
        ]);
      }
    }
  }

  private async askNextMentor(): Promise<void> {
    const { input, template } = this.state;
    const [next] = await activities.findMentorCandidates({
      organisationId: input.organisationId,
      hireId: input.hireId,
      ...(input.team ? { team: input.team } : {}),
      ...(input.location ? { location: input.location } : {}),
      hoursPerWeek: template.mentor.hoursPerWeek,
      alreadyAsked: [...this.state.mentor.asked],
    });
    if (!next) {
      this.state = { ...this.state, mentor: { ...this.state.mentor, status: 'none-available' } };
      const task = this.adhocTask(FIND_MENTOR_TASK_ID, FIND_MENTOR_TITLE, 'manager', 7);
      await this.record(SYSTEM_ACTOR, [
        { type: 'MentorNotFound', data: { ...hireRef(input), asked: this.state.mentor.asked } },
        {
          type: 'TaskOpened',
          data: {
            ...hireRef(input),
            itemId: task.id,
            title: task.title,
            ownerRole: task.ownerRole,
            dueDate: task.dueDate,
          },
        },
      ]);
      return;
    }
    const answerDeadline = addDays(today(), template.mentor.answerWindowDays);
    this.state = {
      ...this.state,
      mentor: { status: 'asked', asked: [...this.state.mentor.asked, next], askedRef: next, answerDeadline },
    };
    await this.record(SYSTEM_ACTOR, [
      {
        type: 'MentorRequested',
        data: { ...hireRef(input), mentorRef: next, answerDeadline, hoursPerWeek: template.mentor.hoursPerWeek },
      },
    ]);
    if (patched(MENTOR_REQUEST_MAIL_PATCH)) {
      // Each mentor is asked once per journey (alreadyAsked), so the key names them.
      await this.mail(`mentor-request/${next}`, {
        kind: 'mentor-request',
        recipientRole: 'mentor',
        mentorRef: next,
        answerDeadline,
        startDate: this.state.plan.startDate,
        hoursPerWeek: template.mentor.hoursPerWeek,
      });
    }
  }

  private async mentorAnswered(mentorRef: string, accept: boolean, actor: string): Promise<void> {
    const { input, template } = this.state;
    if (!accept) {
      await this.record(actor, [{ type: 'MentorDeclined', data: { ...hireRef(input), mentorRef } }]);
      await this.askNextMentor();
      return;
    }
    this.state = { ...this.state, mentor: { status: 'accepted', asked: this.state.mentor.asked, mentorRef } };
    await activities.changeMentorLoad({
      organisationId: input.organisationId,
      hireId: input.hireId,
      mentorRef,
      change: 'assign',
      hoursPerWeek: template.mentor.hoursPerWeek,
    });
    const coffee = this.state.plan.items.find((item) => item.kind === 'mentor-coffee-moment');
    const coffeeMoment = laterOf(coffee?.dueDate ?? this.state.plan.startDate, addDays(today(), 1));
    const delivered = await this.mail('mentor-welcome', {
      kind: 'mentor-welcome',
      recipientRole: 'new-hire',
      mentorRef,
      coffeeMoment,
      startDate: this.state.plan.startDate,
    });
    await this.record(actor, [
      { type: 'MentorAccepted', data: { ...hireRef(input), mentorRef, hoursPerWeek: template.mentor.hoursPerWeek } },
      { type: 'MentorWelcomeMailSent', data: { ...hireRef(input), mentorRef, coffeeMoment, mailDelivered: delivered } },
    ]);
  }

  private async releaseMentor(reason: 'period-ended' | 'journey-ended'): Promise<void> {
    const { mentor, input, template } = this.state;
    if (mentor.status !== 'accepted' || !mentor.mentorRef) {
      this.state = { ...this.state, mentor: { ...mentor, status: 'ended' } };
      return;
    }
    await activities.changeMentorLoad({
      organisationId: input.organisationId,
      hireId: input.hireId,
      mentorRef: mentor.mentorRef,
      change: 'release',
      hoursPerWeek: template.mentor.hoursPerWeek,
    });
    this.state = { ...this.state, mentor: { ...mentor, status: 'ended' } };
    await this.record(SYSTEM_ACTOR, [
      { type: 'MentorshipEnded', data: { ...hireRef(input), mentorRef: mentor.mentorRef, reason } },
    ]);
  }

  // ---- commands ----

  private validateCompletion(itemId: string): void {
    this.requireActive();
    const planned = this.state.plan.items.find((item) => item.id === itemId);
    const adhoc = this.state.adhoc.find((task) => task.id === itemId);
    if (!planned?.ownerRole && !adhoc) reject(`Deze reis heeft geen taak of mijlpaal "${itemId}".`);
    if (itemId === EXIT_INTERVIEW_TASK_ID)
      reject('Leg het exitgesprek vast met de vertrekredenen, niet als losse taak.');
    if (!isOpen(this.state, itemId)) reject(`"${itemId}" is al afgerond of vervallen.`);
  }

  private async completeItem(itemId: string, actor: string): Promise<void> {
    if (!isOpen(this.state, itemId)) return; // two completions raced; the first one counts
    const milestone = this.state.plan.items.find((item) => item.id === itemId)?.kind === 'milestone';
    this.state = { ...this.state, completed: { ...this.state.completed, [itemId]: { by: actor, on: today() } } };
    await this.record(actor, [
      { type: milestone ? 'MilestoneCompleted' : 'TaskCompleted', data: { ...hireRef(this.state.input), itemId } },
    ]);
  }

  private validateStartDateChange(startDate: string): void {
    this.requireActive();
    if (!isIsoDate(startDate)) reject('De startdatum moet een datum zijn (JJJJ-MM-DD).');
    requireWithinPlanningWindow(startDate, 'De startdatum');
    if (compareDates(today(), this.state.plan.startDate) >= 0)
      reject('De nieuwe collega is al begonnen; de startdatum ligt vast.');
  }

  private async changeStartDate(startDate: IsoDate, actor: string): Promise<void> {
    const from = this.state.plan.startDate;
    if (startDate === from || compareDates(today(), from) >= 0) return;
    this.state = { ...this.state, plan: moveStartDate(this.state.plan, startDate, today()) };
    await this.record(actor, [
      {
        type: 'StartDateChanged',
        data: { ...hireRef(this.state.input), from, to: startDate, endDate: this.state.plan.endDate },
      },
    ]);
  }

  private async withdraw(reason: string | undefined, actor: string): Promise<void> {
    if (!this.active()) return;
    await this.cancelOpenWork(actor, 'withdrawn');
    await this.record(actor, [
      { type: 'CandidateWithdrawn', data: { ...hireRef(this.state.input), ...(reason ? { reason } : {}) } },
    ]);
    await this.end('withdrawn', actor);
  }

  private async terminate(lastWorkingDay: IsoDate, actor: string): Promise<void> {
    if (!this.active()) return;
    await this.cancelOpenWork(actor, 'terminated');
    const task = this.adhocTask(
      EXIT_INTERVIEW_TASK_ID,
      EXIT_INTERVIEW_TITLE,
      'hr',
      0,
      laterOf(lastWorkingDay, today()),
    );
    this.state = {
      ...this.state,
      adhoc: this.state.adhoc.map((candidate) =>
        candidate.id === task.id
          ? { ...candidate, escalationDate: addDays(candidate.dueDate, EXIT_INTERVIEW_GRACE_DAYS) }
          : candidate,
      ),
      leaving: { lastWorkingDay, exitInterviewTaskId: task.id },
    };
    const delivered = await this.mail('exit-interview', {
      kind: 'exit-interview-invitation',
      recipientRole: 'new-hire',
      lastWorkingDay,
    });
    await this.record(actor, [
      { type: 'TerminationRegistered', data: { ...hireRef(this.state.input), lastWorkingDay } },
      {
        type: 'ExitInterviewRequested',
        data: {
          ...hireRef(this.state.input),
          itemId: task.id,
          ownerRole: 'hr',
          dueDate: task.dueDate,
          mailDelivered: delivered,
        },
      },
    ]);
  }

  private async exitInterviewHeld(command: {
    reasons: readonly string[];
    wouldHaveKept: readonly string[];
    actor: string;
  }): Promise<void> {
    if (this.state.outcome) return;
    this.state = {
      ...this.state,
      completed: { ...this.state.completed, [EXIT_INTERVIEW_TASK_ID]: { by: command.actor, on: today() } },
    };
    // Reasons are recorded as codes from the taxonomy, never as free text: this stream is read by auditors.
    await this.record(command.actor, [
      {
        type: 'ExitInterviewHeld',
        data: {
          ...hireRef(this.state.input),
          reasons: [...command.reasons],
          wouldHaveKept: [...command.wouldHaveKept],
        },
      },
    ]);
    await this.end('left', command.actor);
  }

  private async changeLearningLine(change: Parameters<typeof changePlan>[1], actor: string): Promise<void> {
    this.state = { ...this.state, plan: changePlan(this.state.plan, change, today()) };
    await this.record(actor, [
      { type: 'LearningLineChanged', data: { ...hireRef(this.state.input), change: { ...change } } },
    ]);
  }

  private async startLeave(from: IsoDate, actor: string): Promise<void> {
    this.state = { ...this.state, plan: pausePlan(this.state.plan, from) };
    await this.record(actor, [{ type: 'LeaveStarted', data: { ...hireRef(this.state.input), from } }]);
  }

  private async endLeave(until: IsoDate, actor: string): Promise<void> {
    this.state = { ...this.state, plan: resumePlan(this.state.plan, until) };
    await this.record(actor, [
      { type: 'LeaveEnded', data: { ...hireRef(this.state.input), until, endDate: this.state.plan.endDate } },
    ]);
  }

  private async cancelOpenWork(actor: string, reason: 'withdrawn' | 'terminated'): Promise<void> {
    const open = openHumanItemIds(this.state);
    this.state = { ...this.state, cancelled: [...this.state.cancelled, ...open] };
    if (this.state.mentor.status === 'asked')
      this.state = { ...this.state, mentor: { ...this.state.mentor, status: 'ended' } };
    if (open.length > 0)
      await this.record(actor, [
        { type: 'OpenTasksCancelled', data: { ...hireRef(this.state.input), itemIds: open, reason } },
      ]);
    await this.releaseMentor('journey-ended');
  }

  private async end(outcome: JourneyOutcome, actor: string, extra: Record<string, unknown> = {}): Promise<void> {
    if (outcome === 'landed') await this.releaseMentor('journey-ended');
    this.state = { ...this.state, outcome };
    await this.record(actor, [{ type: 'JourneyEnded', data: { ...hireRef(this.state.input), outcome, ...extra } }]);
  }

  // ---- plumbing ----

  private adhocTask(
    id: string,
    title: string,
    ownerRole: AdhocTask['ownerRole'],
    dueInDays: number,
    dueDate?: IsoDate,
  ): AdhocTask {
    const due = dueDate ?? addDays(today(), dueInDays);
    const task: AdhocTask = { id, title, ownerRole, dueDate: due, escalationDate: addDays(due, ADHOC_ESCALATION_DAYS) };
    this.state = { ...this.state, adhoc: [...this.state.adhoc.filter((existing) => existing.id !== id), task] };
    return task;
  }

  private active(): boolean {
    return this.state !== undefined && !this.state.outcome && !this.state.leaving;
  }

  private requireActive(): void {
    if (!this.state) reject('Het traject wordt nog gestart; probeer het zo opnieuw.');
    if (this.state.outcome) reject('Deze reis is al afgesloten.');
    if (this.state.leaving) reject('Deze medewerker gaat uit dienst; alleen het exitgesprek staat nog open.');
  }

  /** An Update's work: done in turn with everything else, then the journey as it now stands. */
  private async command(work: () => Promise<void>): Promise<JourneyView> {
    await this.serially(work);
    this.wakeUp.wake();
    return journeyView(this.state, today());
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.lock.then(work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async mail(key: string, mail: JourneyMail): Promise<boolean> {
    const { input } = this.state;
    const { mentorRef } = this.state.mentor;
    const result = await activities.sendJourneyMail({
      organisationId: input.organisationId,
      hireId: input.hireId,
      ...(input.managerRef ? { managerRef: input.managerRef } : {}),
      ...(mentorRef ? { mentorRef } : {}),
      // Stable per journey and step: a retried activity sends a mail the receiving side can recognise as the same.
      idempotencyKey: `${this.state.workflowId}/${key}`,
      mail,
    });
    return result.delivered;
  }

  private async record(actor: string, events: { type: string; data: Record<string, unknown> }[]): Promise<void> {
    const { input, revision } = this.state;
    const result = await activities.recordHireEvents({
      organisationId: input.organisationId,
      hireId: input.hireId,
      expectedRevision: revision < 0 ? 'no_stream' : revision,
      actor,
      occurredAt: new Date().toISOString(),
      // The revision an event lands on is unique in the stream and the same on every retry: a stable key.
      events: events.map((event, index) => ({ key: `revision-${revision + 1 + index}`, ...event })),
    });
    this.state = { ...this.state, revision: result.nextExpectedRevision };
  }
}

/**
 * The API refuses such dates already (workflows/domain/planningWindow.ts); this is for every other caller: a date
 * the journey cannot plan with is a rejected command, never a workflow task that fails on every attempt.
 */
function requireWithinPlanningWindow(date: IsoDate, what: string): void {
  if (isWithinPlanningWindow(date, today())) return;
  const { earliest, latest } = planningWindow(today());
  reject(`${what} valt buiten het planbare venster (${earliest} tot en met ${latest}).`);
}

/** A fact the journey can take; journeys from before the window took every date, and replay the same. */
function plannable(date: IsoDate): boolean {
  return isWithinPlanningWindow(date, today()) || !patched(PLANNING_WINDOW_PATCH);
}

/** The journey as the walking skeleton ran it: kept so journeys started then still replay (patched above). */
export async function walkingSkeleton(input: HireJourneyInput): Promise<undefined> {
  let stage: 'registered' | 'preboarding' = 'registered';
  setHandler(journeyViewQuery, () => ({ ...registeredView(input), stage }));
  const occurredAt = new Date().toISOString();
  await activities.recordHireEvents({
    organisationId: input.organisationId,
    hireId: input.hireId,
    expectedRevision: 'no_stream',
    actor: input.actor,
    occurredAt,
    events: [
      { key: 'hire-registered', type: 'HireRegistered', data: { ...hireRegisteredData(input) } },
      { key: 'journey-started', type: 'JourneyStarted', data: { ...hireRef(input), startDate: input.startDate } },
    ],
  });
  stage = 'preboarding';
  await condition(() => false);
  return undefined;
}
