/**
 * The template's pulse surveys in given/when/then form: a pulse on day 30 and 60 is planned as a mail of its own,
 * the clock sends its invitation on its day, and a spent pulse link is that pulse's only — the 90-day survey and
 * its reminder go on as before.
 */
import { rivierenlandTemplate } from '../defaultTemplates';
import { type JourneyTemplate, validateJourneyTemplate } from '../journeyTemplate';
import { type ClockTick, type JourneyCommand, decide, isRejection, nextDueStep } from './decide';
import type { JourneyEvent } from './events';
import { evolve, initialJourneyState } from './evolve';
import type { JourneyState } from './state';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';
import { ninetyDaySurveyMail } from '../../../test/support/ninetyDaySurveyMails';

const { hire, input } = journeyTestHire('h-0030');
const registeredOn = '2026-08-03';
const withPulses = (pulses: readonly { dayOffset: number }[]): JourneyTemplate => ({
  ...rivierenlandTemplate,
  survey: { ...rivierenlandTemplate.survey, pulses },
});
const template = withPulses([{ dayOffset: 30 }, { dayOffset: 60 }]);

function given(...history: JourneyEvent[]) {
  const state = history.reduce<JourneyState>(
    (current, event) => evolve(current, event, { actor: 'system:hire-journey', on: registeredOn }),
    initialJourneyState(input, 'hire-journey:p', template, registeredOn),
  );
  return {
    state,
    when(command: JourneyCommand | ClockTick, on: string) {
      const decision = decide(state, command, on);
      return {
        then: (...expected: JourneyEvent[]) => expect(decision).toEqual({ events: expected }),
        thenNothing: () => expect(decision).toEqual({ events: [] }),
      };
    },
  };
}

function recorded(state: JourneyState, command: JourneyCommand | ClockTick, on: string): JourneyEvent[] {
  const decision = decide(state, command, on);
  if (isRejection(decision)) throw new Error(`rejected: ${decision.message}`);
  return [...decision.events];
}

const started = (): JourneyEvent[] => recorded(given().state, { kind: 'StartJourney' }, registeredOn);

/** Every step due up to `day` with its mail delivered, each folded in before the next is decided. */
function clockUpTo(history: JourneyEvent[], day: string): JourneyEvent[] {
  const all = [...history];
  for (let state = given(...all).state; nextDueStep(state, day); state = given(...all).state) {
    const next = recorded(state, { kind: 'Tick', mailDelivered: true }, day);
    if (next.length === 0) break;
    all.push(...next);
  }
  return all.slice(history.length);
}

const pulseInvitation = (day: number, dueDate: string): JourneyEvent => ({
  type: 'SurveyInvitationSent',
  data: {
    ...hire,
    itemId: `survey-pulse-${day}`,
    title: `Korte vragenlijst na ${day} dagen`,
    dueDate,
    survey: `pulse-${day}`,
    mailDelivered: true,
  },
});
const pulseSpent = (day: number): JourneyEvent => ({
  type: 'SurveyTokenSpent',
  data: { ...hire, survey: `pulse-${day}` },
});

describe('a template with pulses on day 30 and 60', () => {
  it('plans a short survey on each day, a mail without owner, reminder or phone call', () => {
    const [, journeyStarted] = started();
    if (journeyStarted?.type !== 'JourneyStarted') throw new Error('JourneyStarted expected');
    expect(journeyStarted.data.items?.filter((item) => item.kind === 'survey-pulse')).toEqual([
      {
        id: 'survey-pulse-30',
        kind: 'survey-pulse',
        title: 'Korte vragenlijst na 30 dagen',
        titleEn: 'Short survey after 30 days',
        ownerRole: null,
        dueDate: '2026-10-01',
      },
      {
        id: 'survey-pulse-60',
        kind: 'survey-pulse',
        title: 'Korte vragenlijst na 60 dagen',
        titleEn: 'Short survey after 60 days',
        ownerRole: null,
        dueDate: '2026-10-31',
      },
    ]);
    const { items } = given(...started()).state.plan;
    expect(items.filter((item) => item.kind === 'survey-pulse').map((item) => item.followUp)).toEqual([null, null]);
    // The one reminder is the 90-day survey's (this template calls nobody back).
    expect(items.filter((item) => item.id.startsWith('survey-')).map((item) => item.id)).toEqual([
      'survey-pulse-30',
      'survey-pulse-60',
      'survey-invitation',
      'survey-reminder',
    ]);
  });

  it('plans no pulse for a template without them, as before', () => {
    const plain = initialJourneyState(input, 'hire-journey:p', rivierenlandTemplate, registeredOn);
    expect(plain.plan.items.some((item) => item.kind === 'survey-pulse')).toBe(false);
  });

  it('sends the pulse invitation on day 30, and nothing of the 90-day survey', () => {
    const before = clockUpTo(started(), '2026-09-30');
    expect(before.filter((event) => event.type.startsWith('Survey'))).toEqual([]);
    const onTheDay = clockUpTo([...started(), ...before], '2026-10-01');
    expect(onTheDay.filter((event) => event.type.startsWith('Survey'))).toEqual([pulseInvitation(30, '2026-10-01')]);
    const history = [...started(), ...before, ...onTheDay];
    expect(given(...history).state.handled).toContain('survey-pulse-30:due');
    given(...history)
      .when({ kind: 'Tick', mailDelivered: true }, '2026-10-01')
      .thenNothing();
  });

  it('records a pulse the survey mail finds answered as spent, and sends no invitation', () => {
    const before = clockUpTo(started(), '2026-09-30');
    given(...started(), ...before)
      .when({ kind: 'Tick', surveyAnswered: true }, '2026-10-01')
      .then(pulseSpent(30));
  });

  it('records the answer to a pulse as that pulse spent, once', () => {
    given(...started())
      .when({ kind: 'SpendSurveyToken', survey: 'pulse-30' }, '2026-10-02')
      .then(pulseSpent(30));
    given(...started(), pulseSpent(30))
      .when({ kind: 'SpendSurveyToken', survey: 'pulse-30' }, '2026-10-03')
      .thenNothing();
    // The 60-day pulse is its own survey.
    given(...started(), pulseSpent(30))
      .when({ kind: 'SpendSurveyToken', survey: 'pulse-60' }, '2026-10-03')
      .then(pulseSpent(60));
  });

  it('takes a signal without a survey as the 90-day survey, as signals from before the pulses are', () => {
    given(...started(), pulseSpent(30))
      .when({ kind: 'SpendSurveyToken' }, '2026-12-01')
      .then({ type: 'SurveyTokenSpent', data: { ...hire, survey: 'ninety-days' } });
  });

  it('records nothing for a survey the journey has no id for', () => {
    given(...started())
      .when({ kind: 'SpendSurveyToken', survey: 'exit' }, '2026-10-02')
      .thenNothing();
  });

  it('still invites to the 90-day survey and reminds of it after a spent pulse', () => {
    const upToPulses = clockUpTo(started(), '2026-10-31');
    const history = [...started(), ...upToPulses, pulseSpent(30), pulseSpent(60)];
    const state = given(...history).state;
    expect(state.handled).not.toContain('survey-invitation:due');
    expect(state.handled).not.toContain('survey-reminder:due');
    const invitation = state.plan.items.find((item) => item.id === 'survey-invitation')!;
    const reminder = state.plan.items.find((item) => item.id === 'survey-reminder')!;
    const later = clockUpTo(history, reminder.dueDate);
    expect(later.filter((event) => event.type.startsWith('Survey'))).toEqual([
      ninetyDaySurveyMail(hire, 'invitation', invitation, true),
      ninetyDaySurveyMail(hire, 'reminder', reminder, true),
    ]);
  });

  it('sends no pulse to who answered it before its day', () => {
    const before = clockUpTo([...started(), pulseSpent(30)], '2026-10-01');
    expect(before.filter((event) => event.type === 'SurveyInvitationSent')).toEqual([]);
  });

  it('keeps a 90-day answer from stopping a pulse still to come', () => {
    const ninetyDays: JourneyEvent = { type: 'SurveyTokenSpent', data: { ...hire, survey: 'ninety-days' } };
    const before = clockUpTo([...started(), ninetyDays], '2026-10-01');
    expect(before.filter((event) => event.type === 'SurveyInvitationSent')).toEqual([
      pulseInvitation(30, '2026-10-01'),
    ]);
  });
});

describe('the pulses a template may have', () => {
  const problems = (pulses: readonly { dayOffset: number }[]) =>
    validateJourneyTemplate(withPulses(pulses)).filter((problem) => problem.path.startsWith('survey.pulses'));

  it('takes up to three pulses on whole days before the 90-day survey', () => {
    expect(problems([{ dayOffset: 30 }, { dayOffset: 60 }, { dayOffset: 89 }])).toEqual([]);
    expect(problems([])).toEqual([]);
  });

  it('refuses, in Dutch, a day that is no whole day, before day one, on or after the 90-day survey, or taken', () => {
    expect(
      problems([{ dayOffset: 7.5 }, { dayOffset: 0 }, { dayOffset: 90 }, { dayOffset: 30 }, { dayOffset: 30 }]),
    ).toEqual([
      { path: 'survey.pulses', message: 'Een sjabloon heeft hoogstens 3 korte vragenlijsten.' },
      { path: 'survey.pulses[0].dayOffset', message: 'Dit moet een heel aantal dagen zijn.' },
      {
        path: 'survey.pulses[1].dayOffset',
        message: 'Een korte vragenlijst gaat uit na de eerste werkdag (dag 1 of later).',
      },
      { path: 'survey.pulses[2].dayOffset', message: 'Een korte vragenlijst gaat uit vóór de vragenlijst van dag 90.' },
      { path: 'survey.pulses[4].dayOffset', message: 'Er gaat al een korte vragenlijst uit op dag 30.' },
    ]);
  });
});

describe('a journey carried across continue-as-new from before the pulses', () => {
  it('reads its old 90-day answer as before, and no pulse as answered', () => {
    const carried: JourneyState = { ...given(...started()).state, surveyTokenSpent: true };
    const decision = decide(carried, { kind: 'SpendSurveyToken' }, '2026-12-01');
    expect(decision).toEqual({ events: [] });
    expect(decide(carried, { kind: 'SpendSurveyToken', survey: 'pulse-30' }, '2026-12-01')).toEqual({
      events: [pulseSpent(30)],
    });
  });
});
