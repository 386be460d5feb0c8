import type { UpdateDefinition } from '@temporalio/common';
import { rejectionDetails } from './domain/journey/journeyRejections';
import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  type ClockTick,
  type JourneyCommand,
  type JourneyEvent,
  type JourneyRejection,
  type JourneyState,
  decide,
  evolveAll,
  initialJourneyState,
  isRejection,
  journeyView,
  nextDueStep,
} from './domain/journey';
import {
  type HireJourneyInput,
  type JourneyOutcome,
  type JourneyView,
  answerMentorRequestUpdate,
  changeLearningLineUpdate,
  changePlanItemUpdate,
  changeStartDateUpdate,
  completeItemUpdate,
  endLeaveUpdate,
  hrisStartDateChangedSignal,
  hrisTerminationSignal,
  journeyViewQuery,
  logMentorMeetingUpdate,
  recordExitInterviewUpdate,
  registerTerminationUpdate,
  startLeaveUpdate,
  surveyAnsweredSignal,
  teamWelcomeWrittenSignal,
  withdrawCandidateUpdate,
} from './hireJourneyContract';
import { legacyJourney, walkingSkeleton } from './hireJourneyLegacy';
import { CURRENT_JOURNEY_PATCH, type JourneyPatches, journeyPatches } from './journeyPatches';
import {
  JOURNEY_DECIDER_PATCH,
  JOURNEY_STAGES_PATCH,
  type JourneyStores,
  LOCAL_STORE_STEPS_PATCH,
  SYSTEM_ACTOR,
  activities,
  WakeUp,
  journeyStores,
  registeredView,
  reject,
  today,
} from './hireJourneyRuntime';
import type { JourneyMail, SurveyMailInput } from './journeyActivities';
import { NINETY_DAY_SURVEY, type SurveyId } from './domain/surveyIds';
import { mailFor } from './journeyMails';
import { teamWelcomeRequestMail } from './teamWelcomeRequest';

/**
 * A hire's onboarding journey, from pre-boarding until the programme ends (landed) or the hire leaves. Every
 * command, signal and clock tick goes to the decider (domain/journey): the events it returns are recorded, the
 * state is what evolve makes of them, and the activities do what the events say (mails, the mentor's load).
 */
export async function hireJourney(
  input: HireJourneyInput,
  carried?: JourneyState,
  carriedPatches?: JourneyPatches,
): Promise<JourneyOutcome | undefined> {
  // Asked before any other patch: a run with it asks none of the four (journeyPatches.ts).
  const current = patched(CURRENT_JOURNEY_PATCH);
  if (!current && !carried && !patched(JOURNEY_STAGES_PATCH)) return walkingSkeleton(input);
  // A legacy journey that continues as new comes here with its state, and goes on with the decider.
  if (!current && !patched(JOURNEY_DECIDER_PATCH)) return legacyJourney(input, carried);
  const stores = journeyStores(current || patched(LOCAL_STORE_STEPS_PATCH));
  const patches = journeyPatches(carriedPatches, current);
  // Handlers first: a query or command that arrives while the template loads is answered, not lost.
  const journey = new Journey(input, stores, patches);
  journey.listen();
  journey.state = carried ?? (await begin(input, stores, patches.patches));
  await journey.run();
  return journey.state.outcome;
}

async function begin(input: HireJourneyInput, stores: JourneyStores, patches: JourneyPatches): Promise<JourneyState> {
  const template = await stores.loadJourneyTemplate({
    organisationId: input.organisationId,
    ...(input.templateId ? { templateId: input.templateId } : {}),
  });
  const state = initialJourneyState(contactPersonInForce(input, patches), workflowInfo().workflowId, template, today());
  // Decided once, at the start: a journey keeps the way it reminds across continue-as-new (the state carries it).
  const reminding = patches.remindersByDigest ? { ...state, remindersByDigest: true as const } : state;
  const escalating = patches.escalationsByDigest ? { ...reminding, escalationsByDigest: true as const } : reminding;
  return patches.adhocEscalationByPolicy ? { ...escalating, adhocEscalationByPolicy: true as const } : escalating;
}

/** A journey whose history was begun without the patch had no contact person: its replay must not gain one. */
function contactPersonInForce(input: HireJourneyInput, patches: JourneyPatches): HireJourneyInput {
  if (input.contactPersonRef === undefined || patches.contactPerson) return input;
  const { contactPersonRef: _notInForce, ...before } = input;
  return before;
}

const STARTING: JourneyRejection = {
  rejected: 'journey-starting',
  message: 'Het traject wordt nog gestart; probeer het zo opnieuw.',
};

/** What a mail's outcome adds to the command that needed it: the decider records whether it went out. */
interface MailOutcome {
  readonly delivered: boolean;
  readonly answered?: boolean;
}

class Journey {
  /** Unset only while the first activity loads the template. */
  state!: JourneyState;
  /** Decisions and the events that record them happen one at a time: handlers interleave with the clock. */
  private lock: Promise<unknown> = Promise.resolve();
  private readonly wakeUp = new WakeUp();

  private readonly patches: JourneyPatches;
  /** What a continue-as-new hands to the next run (runs begun before the patches were taken up front: nothing). */
  private readonly upFrontPatches: JourneyPatches | undefined;

  constructor(
    private readonly input: HireJourneyInput,
    private readonly stores: JourneyStores,
    { patches, upFront }: ReturnType<typeof journeyPatches>,
  ) {
    this.patches = patches;
    this.upFrontPatches = upFront;
  }

  listen(): void {
    setHandler(journeyViewQuery, () => (this.state ? journeyView(this.state, today()) : registeredView(this.input)));
    this.update(completeItemUpdate, ({ itemId, actor }) => ({ kind: 'CompleteItem', itemId, actor }));
    this.update(answerMentorRequestUpdate, ({ mentorRef, accept, actor, coffeeMoment, introductionWritten }) => ({
      kind: 'AnswerMentorRequest',
      mentorRef,
      accept,
      actor,
      ...(coffeeMoment ? { coffeeMoment } : {}),
      ...(introductionWritten ? { introductionWritten } : {}),
    }));
    this.update(changeStartDateUpdate, ({ startDate, actor }) => ({ kind: 'ChangeStartDate', startDate, actor }));
    this.update(withdrawCandidateUpdate, ({ reason, actor }) => ({
      kind: 'WithdrawCandidate',
      ...(reason ? { reason } : {}),
      actor,
    }));
    this.update(registerTerminationUpdate, ({ lastWorkingDay, actor }) => ({
      kind: 'RegisterTermination',
      lastWorkingDay,
      actor,
    }));
    this.update(recordExitInterviewUpdate, ({ reasons, wouldHaveKept, actor }) => ({
      kind: 'RecordExitInterview',
      reasons,
      wouldHaveKept,
      actor,
    }));
    this.update(changeLearningLineUpdate, ({ change, actor }) => ({ kind: 'ChangeLearningLine', change, actor }));
    this.update(startLeaveUpdate, ({ from, actor }) => ({ kind: 'StartLeave', from, actor }));
    this.update(endLeaveUpdate, ({ until, actor }) => ({ kind: 'EndLeave', until, actor }));
    this.update(logMentorMeetingUpdate, ({ on, minutes, loggedBy, actor }) => ({
      kind: 'LogMentorMeeting',
      on,
      minutes,
      loggedBy,
      actor,
    }));
    this.update(changePlanItemUpdate, ({ change, changeId, actor }) => ({
      kind: 'ChangePlanItem',
      change,
      changeId,
      actor,
    }));
    // Facts from the HR system and the survey: taken when the decider can, and otherwise left to the people involved.
    setHandler(hrisStartDateChangedSignal, ({ startDate, actor }) =>
      this.signal({ kind: 'ChangeStartDate', startDate, actor }),
    );
    setHandler(hrisTerminationSignal, ({ lastWorkingDay, actor }) =>
      this.signal({ kind: 'RegisterTermination', lastWorkingDay, actor }),
    );
    // Signals from before the pulses carry no survey: they were the 90-day survey's.
    setHandler(surveyAnsweredSignal, (answered) =>
      this.signal({ kind: 'SpendSurveyToken', ...(answered?.survey ? { survey: answered.survey } : {}) }),
    );
    setHandler(teamWelcomeWrittenSignal, ({ messageId }) => {
      if (this.patches.teamWelcome) this.signal({ kind: 'RecordTeamWelcome', messageId });
    });
  }

  async run(): Promise<void> {
    if (this.state.revision < 0) await this.serially(() => this.execute({ kind: 'StartJourney' }));
    while (!this.state.outcome) {
      await this.clock();
      if (this.state.outcome) break;
      // The state as it is when every handler has finished, not as it was when the turn ended.
      await this.wakeUp.endTurn(this.state, () =>
        continueAsNew<typeof hireJourney>(this.state.input, this.state, this.upFrontPatches),
      );
    }
    await condition(allHandlersFinished);
  }

  /** Every step due today, each decided in its own turn so commands that arrive meanwhile go in between. */
  private async clock(): Promise<void> {
    while (!this.state.outcome && nextDueStep(this.state, today())) {
      const recorded = await this.serially(() => this.execute({ kind: 'Tick' }));
      if (recorded.length === 0) return; // a due step that records nothing would otherwise come back at once
    }
  }

  private update<Command>(
    definition: UpdateDefinition<JourneyView, [Command]>,
    toCommand: (command: Command) => JourneyCommand,
  ): void {
    setHandler(definition, (command) => this.command(toCommand(command)), {
      validator: (command) => {
        const refusal = this.refusal(toCommand(command));
        if (refusal) reject(refusal.message, refusal.planChange ?? rejectionDetails(refusal));
      },
    });
  }

  private signal(command: JourneyCommand): void {
    if (!this.refusal(command)) void this.command(command);
  }

  private refusal(command: JourneyCommand): JourneyRejection | undefined {
    if (!this.state) return STARTING;
    const decision = decide(this.state, command, today());
    return isRejection(decision) ? decision : undefined;
  }

  /** An Update's work: decided in turn with everything else, then the journey as it now stands. */
  private async command(command: JourneyCommand): Promise<JourneyView> {
    await this.serially(() => this.execute(withPatches(command, this.patches)));
    this.wakeUp.wake();
    return journeyView(this.state, today());
  }

  /**
   * Decide, send the mail the decision needs (its outcome is part of what is recorded), record, evolve, follow up.
   * A command the journey refuses by the time its turn comes (two completions raced) records nothing.
   */
  private async execute(command: JourneyCommand | ClockTick): Promise<readonly JourneyEvent[]> {
    const tentative = decide(this.state, command, today());
    if (isRejection(tentative)) return [];
    const outcome = await this.sendMailOf(tentative.events);
    const decision = outcome ? decide(this.state, withMailOutcome(command, outcome), today()) : tentative;
    if (isRejection(decision)) return [];
    await this.record(actorOf(command, this.state), decision.events);
    await this.followUp(decision.events);
    return decision.events;
  }

  private async sendMailOf(events: readonly JourneyEvent[]): Promise<MailOutcome | undefined> {
    const after = evolveAll(this.state, events, { actor: SYSTEM_ACTOR, on: today() });
    for (const event of events) {
      const mail = mailFor(event, after);
      if (mail?.via === 'journey-mail') return { delivered: await this.mail(mail.key, mail.mail) };
      if (mail?.via === 'survey-mail') return this.surveyMail(mail.itemId, mail.kind, mail.survey);
    }
    return undefined;
  }

  /** What the activities do once the events are on record. */
  private async followUp(events: readonly JourneyEvent[]): Promise<void> {
    const { input, template } = this.state;
    const hoursPerWeek = template.mentor.hoursPerWeek;
    for (const event of events) {
      switch (event.type) {
        case 'JourneyStarted':
          await this.askTeamForWelcome();
          await this.searchMentor();
          break;
        case 'MentorDeclined':
        case 'MentorRequestExpired':
          await this.releaseMentorReservation(event);
          await this.searchMentor();
          break;
        case 'MentorRequestWithdrawn':
          await this.releaseMentorReservation(event);
          await this.tellMentorWithdrawn(event.data.mentorRef);
          break;
        case 'MentorRequested': {
          const { mentorRef, answerDeadline } = event.data;
          // Each mentor is asked once per journey (alreadyAsked), so the key names them.
          await this.mail(`mentor-request/${mentorRef}`, {
            kind: 'mentor-request',
            recipientRole: 'mentor',
            mentorRef,
            answerDeadline,
            startDate: this.state.plan.startDate,
            hoursPerWeek,
          });
          break;
        }
        case 'MentorAccepted':
        case 'MentorshipEnded': {
          const change = event.type === 'MentorAccepted' ? 'assign' : 'release';
          const { mentorRef } = event.data;
          await activities.changeMentorLoad({ ...hire(input), mentorRef, change, hoursPerWeek });
          break;
        }
      }
    }
  }

  /** Journeys from before the patch sent no such mail, so their replays must not either. */
  private async askTeamForWelcome(): Promise<void> {
    if (!this.patches.teamWelcome) return;
    const mail = teamWelcomeRequestMail(this.state, today());
    if (mail) await this.mail('team-welcome-request', mail);
  }

  private async searchMentor(): Promise<void> {
    const { input, template } = this.state;
    const search = {
      ...hire(input),
      ...(input.team ? { team: input.team } : {}),
      ...(input.location ? { location: input.location } : {}),
      hoursPerWeek: template.mentor.hoursPerWeek,
      alreadyAsked: [...this.state.mentor.asked],
    };
    const candidate = this.patches.mentorCapacityReservation
      ? await this.stores.reserveMentor(search)
      : (await this.stores.findMentorCandidates(search))[0];
    await this.execute({ kind: 'RecordMentorSearch', candidate: candidate ?? null });
  }

  /** A request that ends without an accept frees the place it held (journeys before the patch held none). */
  private async releaseMentorReservation(
    event: Extract<JourneyEvent, { type: 'MentorDeclined' | 'MentorRequestExpired' | 'MentorRequestWithdrawn' }>,
  ): Promise<void> {
    if (!this.patches.mentorCapacityReservation) return;
    const reason =
      event.type === 'MentorDeclined' ? 'declined' : event.type === 'MentorRequestExpired' ? 'expired' : 'withdrawn';
    await this.stores.releaseMentorReservation({ ...hire(this.state.input), mentorRef: event.data.mentorRef, reason });
  }

  /** The asked mentor hears the request is off, so they do not answer in vain (journeys before the patch sent none). */
  private async tellMentorWithdrawn(mentorRef: string): Promise<void> {
    if (!this.patches.mentorWithdrawalMail) return;
    await this.mail(`mentor-request-withdrawn/${mentorRef}`, {
      kind: 'mentor-request-withdrawn',
      recipientRole: 'mentor',
      mentorRef,
      startDate: this.state.plan.startDate,
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async mail(key: string, mail: JourneyMail): Promise<boolean> {
    const { input, mentor } = this.state;
    const mentorRef = mail.kind === 'mentor-welcome' ? mail.mentorRef : mentor.mentorRef;
    const result = await activities.sendJourneyMail({
      ...hire(input),
      ...(input.managerRef ? { managerRef: input.managerRef } : {}),
      ...(mentorRef ? { mentorRef } : {}),
      ...(input.contactPersonRef ? { contactPersonRef: input.contactPersonRef } : {}),
      // Stable per journey and step: a retried activity sends a mail the receiving side can recognise as the same.
      idempotencyKey: `${this.state.workflowId}/${key}`,
      mail,
    });
    return result.delivered;
  }

  private surveyMail(itemId: string, kind: SurveyMailInput['kind'], survey: SurveyId): Promise<MailOutcome> {
    const { input, plan, template, workflowId } = this.state;
    return activities.sendSurveyMail({
      ...hire(input),
      ...(input.managerRef ? { managerRef: input.managerRef } : {}),
      kind,
      // The 90-day survey's input stays as it was, so what running journeys schedule does not change.
      ...(survey === NINETY_DAY_SURVEY ? {} : { survey }),
      idempotencyKey: `${workflowId}/${itemId}`,
      invitedOn: today(),
      hire: {
        startDate: plan.startDate,
        role: input.role,
        ...(input.team === undefined ? {} : { team: input.team }),
        ...(input.location === undefined ? {} : { location: input.location }),
        templateId: template.id,
      },
    });
  }

  private async record(actor: string, events: readonly JourneyEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { input, revision } = this.state;
    const result = await this.stores.recordHireEvents({
      ...hire(input),
      expectedRevision: revision < 0 ? 'no_stream' : revision,
      actor,
      occurredAt: new Date().toISOString(),
      // The revision an event lands on is unique in the stream and the same on every retry: a stable key.
      events: events.map((event, index) => ({
        key: `revision-${revision + 1 + index}`,
        type: event.type,
        data: { ...event.data },
      })),
    });
    this.state = { ...evolveAll(this.state, events, { actor, on: today() }), revision: result.nextExpectedRevision };
  }
}

function hire(input: HireJourneyInput): { organisationId: string; hireId: string } {
  return { organisationId: input.organisationId, hireId: input.hireId };
}

function actorOf(command: JourneyCommand | ClockTick, state: JourneyState): string {
  if ('actor' in command) return command.actor;
  return command.kind === 'StartJourney' ? state.input.actor : SYSTEM_ACTOR;
}

/** What a command means depends on the version of the journey that runs it (replays keep their old meaning). */
function withPatches(command: JourneyCommand, patches: JourneyPatches): JourneyCommand {
  if (command.kind === 'RegisterTermination' && patches.offboardingChecklist)
    return { ...command, offboardingChecklist: true };
  return command;
}

function withMailOutcome(command: JourneyCommand | ClockTick, outcome: MailOutcome): JourneyCommand | ClockTick {
  switch (command.kind) {
    case 'Tick':
      return { ...command, mailDelivered: outcome.delivered, ...(outcome.answered ? { surveyAnswered: true } : {}) };
    case 'AnswerMentorRequest':
      return { ...command, welcomeMailDelivered: outcome.delivered };
    case 'RegisterTermination':
      return { ...command, exitMailDelivered: outcome.delivered };
    default:
      return command;
  }
}
