/**
 * A refused plan change in English names the item by its English title (the template's `titleEn`), and the
 * items it waits on too; the Dutch sentence keeps the Dutch titles.
 */
import { rivierenlandTemplate } from '../../workflows/domain/defaultTemplates';
import type { HireJourneyInput } from '../../workflows/hireJourneyContract';
import { decide, isRejection } from '../../workflows/domain/journey/decide';
import { initialJourneyState } from '../../workflows/domain/journey/evolve';
import { planChangeMessage } from './planChangeMessages';

const input: HireJourneyInput = {
  organisationId: 'jeugdzorg-rivierenland',
  hireId: 'h-0101',
  startDate: '2026-09-01',
  role: 'Jeugdzorgwerker',
  actor: 'hr:anne',
  registrationFingerprint: 'f',
};
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
