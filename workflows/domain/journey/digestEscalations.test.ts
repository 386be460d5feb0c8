/**
 * Escalations by digest (digest-escalations-v1) in given/when/then form: the journey escalates on the day the
 * template's escalateAfterDays sets and marks the event byDigest; a journey from before keeps its items' offsets.
 */
import { rivierenlandTemplate } from '../defaultTemplates';
import { COMPLIANCE_ITEM_IDS } from '../youthCareCompliance';
import { mailFor } from '../../journeyMails';
import { type Decision, decide, isRejection, nextDueStep } from './decide';
import { journeyPlanActions } from './digestEscalations';
import type { JourneyEvent } from './events';
import { evolveAll, initialJourneyState } from './evolve';
import type { JourneyState } from './state';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';

const organisationId = 'jeugdzorg-rivierenland';
const { hire, input } = journeyTestHire('h-0042');
const template = {
  ...rivierenlandTemplate,
  organisationId,
  preboardingTasks: rivierenlandTemplate.preboardingTasks.filter((task) => !COMPLIANCE_ITEM_IDS.includes(task.id)),
  milestones: rivierenlandTemplate.milestones.filter((milestone) => !COMPLIANCE_ITEM_IDS.includes(milestone.id)),
  reminderPolicy: { daysBefore: [7, 2], overdueDaily: true, escalateAfterDays: 6 },
};
// Due 18 August; the item's own offset escalates on the 21st, the template's six days on the 24th.
const CV_TASK = 'task:read-cv-and-ask-interviewers';

function startedOn(state: JourneyState): JourneyState {
  const decision: Decision = decide(state, { kind: 'StartJourney' }, '2026-08-03');
  if (isRejection(decision)) throw new Error(decision.message);
  return evolveAll(state, decision.events, { actor: 'hr:anne', on: '2026-08-03' });
}
const fresh = initialJourneyState(input, 'hire-journey:x', template, '2026-08-03');
const byDigest = startedOn({ ...fresh, remindersByDigest: true, escalationsByDigest: true });
const before = startedOn({ ...fresh, remindersByDigest: true });

const escalationDay = (state: JourneyState) =>
  journeyPlanActions(state).find((action) => action.itemId === CV_TASK && action.action === 'escalation')?.date;
const tick = (state: JourneyState, today: string): JourneyEvent[] => {
  const decision = decide(state, { kind: 'Tick' }, today);
  if (isRejection(decision)) throw new Error(decision.message);
  return [...decision.events];
};

describe('escalations by digest', () => {
  it('escalate after the template’s escalateAfterDays; journeys from before the patch after the item’s own offset', () => {
    expect(escalationDay(byDigest)).toBe('2026-08-24');
    expect(escalationDay(before)).toBe('2026-08-21');
  });

  it('records the escalation on its day, marked byDigest, and it is no mail of the journey’s', () => {
    expect(nextDueStep(byDigest, '2026-08-23')).toBeUndefined();
    const [escalated, ...rest] = tick(byDigest, '2026-08-24');
    expect(rest).toEqual([]);
    expect(escalated).toMatchObject({
      type: 'TaskEscalated',
      data: { ...hire, itemId: CV_TASK, dueDate: '2026-08-18', mailDelivered: false, byDigest: true },
    });
    expect(mailFor(escalated!, byDigest)).toBeUndefined();
  });

  it('leaves journeys from before the patch as they were: their escalation is a mail to the manager', () => {
    const [escalated] = tick(before, '2026-08-21');
    expect(escalated).toMatchObject({ type: 'TaskEscalated', data: { itemId: CV_TASK } });
    expect(escalated!.data).not.toHaveProperty('byDigest');
    expect(mailFor(escalated!, before)).toMatchObject({ mail: { kind: 'task-escalation', recipientRole: 'manager' } });
  });
});
