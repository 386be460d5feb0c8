import { contactPersonHolding } from './contactPerson';
import { rivierenlandTemplate, rvdkTemplate } from './defaultTemplates';
import { type RecordedJourneyEvent, journeyTasks, replayJourney } from './journey/replay';
import { decide, isRejection } from './journey/decide';
import { evolve, initialJourneyState } from './journey/evolve';
import type { HireJourneyInput } from '../hireJourneyContract';
import { marchHireReplay } from '../../test/support/marchHireReplay';

const MARCH_HIRE = { organisationId: 'rvdk', role: 'Raadsonderzoeker' };
const { template: TEMPLATE, input: INPUT, known } = marchHireReplay(rvdkTemplate, MARCH_HIRE);
const FOLLOW_UP = 'task:contact-person-introduces';

/** The events StartJourney records for the input, as the event store hands them to a fold. */
function startedEvents(input: HireJourneyInput): RecordedJourneyEvent[] {
  const state = initialJourneyState(input, 'wf', TEMPLATE, '2026-01-05');
  const decision = decide(state, { kind: 'StartJourney' }, '2026-01-05');
  if (isRejection(decision)) throw new Error(decision.message);
  let after = state;
  for (const event of decision.events) after = evolve(after, event, { actor: 'hr:ann', on: '2026-01-05' });
  return decision.events.map((event) => ({
    ...event,
    data: event.data as unknown as Record<string, unknown>,
    actor: 'hr:ann',
    on: '2026-01-05',
  }));
}

describe("the vacancy profile's contact person", () => {
  it('holds the pre-boarding follow-up the RvdK template marks, and nothing else', () => {
    const journey = { input: { contactPersonRef: 'hr-anna' }, template: TEMPLATE };
    expect(contactPersonHolding(journey, { itemId: FOLLOW_UP, ownerRole: 'hr' })).toBe('hr-anna');
    expect(
      contactPersonHolding(journey, { itemId: 'task:read-cv-and-ask-interviewers', ownerRole: 'manager' }),
    ).toBeUndefined();
    expect(contactPersonHolding(journey, { itemId: 'contact-person-introduces', ownerRole: 'hr' })).toBeUndefined();
    // Given to another role for this hire (a plan change), it is that role's.
    expect(contactPersonHolding(journey, { itemId: FOLLOW_UP, ownerRole: 'manager' })).toBeUndefined();
  });

  it('holds nothing for a hire without one, nor in a template that marks no task', () => {
    const followUp = { itemId: FOLLOW_UP, ownerRole: 'hr' } as const;
    expect(contactPersonHolding({ input: {}, template: TEMPLATE }, followUp)).toBeUndefined();
    expect(
      contactPersonHolding({ input: { contactPersonRef: 'hr-anna' }, template: rivierenlandTemplate }, followUp),
    ).toBeUndefined();
  });

  it('is recorded in HireRegistered, and the fold of the events gives them the follow-up task', () => {
    const events = startedEvents({ ...INPUT, contactPersonRef: 'hr-anna' });
    expect(events.find((event) => event.type === 'HireRegistered')!.data).toMatchObject({
      contactPersonRef: 'hr-anna',
    });
    const tasks = journeyTasks(replayJourney(events, known));
    expect(tasks.find((task) => task.itemId === FOLLOW_UP)).toMatchObject({ ownerRole: 'hr', ownerRef: 'hr-anna' });
    // The manager's tasks stay the manager's.
    expect(tasks.find((task) => task.itemId === 'task:read-cv-and-ask-interviewers')).toMatchObject({
      ownerRole: 'manager',
      ownerRef: 'p-manager',
    });
  });

  it('leaves the follow-up to HR, held by nobody in particular, for a hire registered without one', () => {
    const events = startedEvents(INPUT);
    expect(events.find((event) => event.type === 'HireRegistered')!.data).not.toHaveProperty('contactPersonRef');
    const tasks = journeyTasks(replayJourney(events, known));
    expect(tasks.find((task) => task.itemId === FOLLOW_UP)).toMatchObject({ ownerRole: 'hr', ownerRef: null });
  });
});
