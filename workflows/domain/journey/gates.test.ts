/**
 * The youth-care compliance steps of the default templates as the journey runs them: given the events so far,
 * when someone completes a gated item, then it is refused while its gate is open, and accepted once it is done.
 */
import { jbWestTemplate, rivierenlandTemplate, rvdkTemplate } from '../defaultTemplates';
import { decide, isRejection } from './decide';
import type { JourneyEvent } from './events';
import { evolve, initialJourneyState } from './evolve';
import { type JourneyState, journeyView } from './state';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';

const { hire, input } = journeyTestHire('h-0042');
const registeredOn = '2026-07-01';
const CASELOAD = 'milestone:first-own-caseload';
const VOG = 'task:vog-on-file';

function given(...history: JourneyEvent[]): JourneyState {
  const fresh = initialJourneyState(input, 'hire-journey:x', { ...rivierenlandTemplate, ...hire }, registeredOn);
  return history.reduce((state, event) => evolve(state, event, { actor: 'hr:anne', on: registeredOn }), fresh);
}
const completed = (itemId: string): JourneyEvent => ({
  type: itemId.startsWith('milestone:') ? 'MilestoneCompleted' : 'TaskCompleted',
  data: { ...hire, itemId },
});
const complete = (itemId: string) => ({ kind: 'CompleteItem' as const, itemId, actor: 'manager:piet' });

describe('a gated item: no own caseload before the VOG (Jeugdwet art. 4.1.6)', () => {
  it('refuses to complete the first caseload while the VOG is not on file, saying in Dutch what it waits on', () => {
    const decision = decide(given(), complete(CASELOAD), '2026-10-02');
    expect(isRejection(decision) && decision.rejected).toBe('item-gated');
    expect(isRejection(decision) && decision.message).toBe(
      '"Eerste eigen caseload" kan pas worden afgerond als "VOG ontvangen en bewaard (vóór de eerste werkdag)" is afgerond.',
    );
  });

  it('completes it once the VOG is done', () => {
    expect(decide(given(completed(VOG)), complete(CASELOAD), '2026-10-02')).toEqual({
      events: [{ type: 'MilestoneCompleted', data: { ...hire, itemId: CASELOAD } }],
    });
  });

  it('leaves items without a gate alone: the VOG itself and the SKJ registration complete at once', () => {
    expect(isRejection(decide(given(), complete(VOG), '2026-08-20'))).toBe(false);
    expect(isRejection(decide(given(), complete('milestone:skj-registration'), '2026-10-02'))).toBe(false);
  });

  it('shows the gated item as blocked by the VOG until the VOG is done', () => {
    const blocked = journeyView(given(), '2026-08-20').items?.find((item) => item.id === CASELOAD);
    expect(blocked?.blockedBy).toEqual([
      {
        id: VOG,
        title: 'VOG ontvangen en bewaard (vóór de eerste werkdag)',
        titleEn: 'Certificate of conduct (VOG) received and filed (before the first working day)',
      },
    ]);
    const free = journeyView(given(completed(VOG)), '2026-08-20').items?.find((item) => item.id === CASELOAD);
    expect(free).not.toHaveProperty('blockedBy');
  });

  it('shows each compliance step with the rule it follows', () => {
    const items = journeyView(given(), '2026-08-20').items ?? [];
    expect(items.find((item) => item.id === VOG)?.source?.reference).toBe('Jeugdwet art. 4.1.6 lid 1 en 2');
    expect(items.find((item) => item.id === 'milestone:skj-registration')?.source?.rule).toMatch(/aanname/);
    expect(items.find((item) => item.id === CASELOAD)).not.toHaveProperty('source');
  });
});

describe('the compliance steps in every default template', () => {
  it.each([rvdkTemplate, jbWestTemplate, rivierenlandTemplate].map((template) => [template.id, template] as const))(
    '%s: VOG before day one, SKJ and the reporting code after it, each citing its source and escalating to HR',
    (_id, template) => {
      const vog = template.preboardingTasks.find((task) => task.id === 'vog-on-file');
      expect(vog).toMatchObject({
        ownerRole: 'hr',
        escalateTo: 'hr',
        source: { reference: expect.stringMatching(/Jeugdwet art\. 4\.1\.6/) },
      });
      expect(vog!.dueOffsetDays).toBeLessThan(0);
      // Issued no earlier than three months before the start: the request is not planned earlier than that.
      expect(template.preboardingTasks.find((task) => task.id === 'vog-application')!.dueOffsetDays).toBeGreaterThan(
        -90,
      );
      const skj = template.milestones.find((milestone) => milestone.id === 'skj-registration');
      expect(skj).toMatchObject({
        kind: 'registration',
        escalateTo: 'hr',
        source: { reference: expect.stringMatching(/Besluit Jeugdwet art\. 5\.1\.1/) },
      });
      const meldcode = template.milestones.find((milestone) => milestone.id === 'meldcode-training');
      expect(meldcode).toMatchObject({ escalateTo: 'hr', source: { reference: expect.stringMatching(/meldcode/) } });
      expect(template.milestones.find((milestone) => milestone.id === 'first-own-caseload')?.requires).toEqual([
        'vog-on-file',
      ]);
      expect(template.preboardingTasks.map((task) => task.id)).not.toContain('meet-colleagues-before-day-one');
    },
  );
});
