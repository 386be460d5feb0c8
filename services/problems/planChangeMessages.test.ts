/**
 * A refused plan change in English names the item by its English title (the template's `titleEn`), and the
 * items it waits on too; the Dutch sentence keeps the Dutch titles.
 */
import { rivierenlandTemplate } from '../../workflows/domain/defaultTemplates';
import { journeyTestHire } from '../../test/fixtures/journeyTestHire';
import { decide, isRejection } from '../../workflows/domain/journey/decide';
import { evolve, initialJourneyState } from '../../workflows/domain/journey/evolve';
import { planChangeMessage } from './planChangeMessages';

const { input } = journeyTestHire('h-0101');
const template = { ...rivierenlandTemplate, organisationId: input.organisationId };
const state = initialJourneyState(input, 'hire-journey:p', template, '2026-08-03');

function refusalOf(itemId: string) {
  const decision = decide(
    state,
    { kind: 'ChangePlanItem', change: { kind: 'drop-item', itemId }, changeId: 'c'.repeat(32), actor: 'hr:anne' },
    '2026-08-10',
  );
  if (!isRejection(decision) || !decision.planChange) throw new Error('expected a refused plan change');
  return decision.planChange;
}

describe('a refused plan change in English', () => {
  it('names the item by its English title, in Dutch by its Dutch one', () => {
    const refusal = refusalOf('task:vog-on-file');
    expect(planChangeMessage(refusal, 'en')).toBe(
      '"Certificate of conduct (VOG) received and filed (before the first working day)" is required by law ' +
        '(Jeugdwet art. 4.1.6 lid 1 en 2) and cannot be dropped for one hire; complete it if it is arranged already.',
    );
    expect(planChangeMessage(refusal, 'nl')).toContain('"VOG ontvangen en bewaard (vóór de eerste werkdag)"');
  });
});

describe('a refused change to a task the journey opened itself', () => {
  it('names the task by its English title in English', () => {
    const title = 'Zoek zelf een mentor: niemand in de mentorpool kan deze collega begeleiden';
    const withTask = evolve(
      state,
      {
        type: 'TaskOpened',
        data: { ...input, itemId: 'adhoc:find-mentor', title, ownerRole: 'manager', dueDate: '2026-08-17' },
      },
      { actor: 'journey', on: '2026-08-10' },
    );
    const decision = decide(
      withTask,
      {
        kind: 'ChangePlanItem',
        change: { kind: 'drop-item', itemId: 'adhoc:find-mentor' },
        changeId: 'c'.repeat(32),
        actor: 'hr:anne',
      },
      '2026-08-10',
    );
    if (!isRejection(decision) || !decision.planChange) throw new Error('expected a refused plan change');
    expect(planChangeMessage(decision.planChange, 'en')).toBe(
      '"Find a mentor yourself: nobody in the mentor pool can guide this colleague" is opened by the journey itself ' +
        'and follows from what happened; it is not moved, dropped or given to someone else. Complete it once it is done.',
    );
  });
});
