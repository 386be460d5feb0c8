/**
 * The rejection catalogue: every code the journey can refuse with has its Dutch and its English sentence, and the
 * decider names no code the catalogue does not know. A code added to the decider without words fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rivierenlandTemplate } from '../defaultTemplates';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';
import { decide, isRejection } from './decide';
import { initialJourneyState } from './evolve';
import {
  REJECTION_CODES,
  REJECTION_WORDING,
  type RejectionCode,
  type RejectionParams,
  isRejectionCode,
  rejectionText,
} from './journeyRejections';

/** Values for every branch of every sentence; a code missing here fails the first test. */
const SAMPLES: Record<RejectionCode, readonly RejectionParams[]> = {
  'journey-starting': [{}],
  'journey-ended': [{}],
  'hire-leaving': [{}],
  'unknown-item': [{ itemId: 'task:nope' }],
  'exit-interview-is-no-task': [{}],
  'item-closed': [{ itemId: 'task:accounts-ready' }, {}],
  'mentor-not-asked': [{}],
  'coffee-moment-in-the-past': [{}],
  'no-mentor': [{}],
  'meeting-in-the-future': [{}],
  'invalid-meeting-length': [{}],
  'not-a-date': [
    { field: 'start-date' },
    { field: 'last-working-day' },
    { field: 'meeting-date' },
    { field: 'first-leave-day' },
    { field: 'last-leave-day', since: '2026-10-01' },
  ],
  'outside-planning-window': [{ field: 'last-leave-day', earliest: '2021-08-10', latest: '2031-08-10' }],
  'hire-started': [{ command: 'change-start-date' }, { command: 'withdraw' }],
  'not-leaving': [{}],
  'invalid-exit-reasons': [
    { problems: 'Kies minstens één vertrekreden.', problemsEn: 'Choose at least one exit reason.' },
  ],
  'invalid-learning-line-change': [
    { problems: 'milestoneId: Deze reis heeft geen mijlpaal "x".', paths: 'milestoneId' },
  ],
  'already-on-leave': [{ since: '2026-10-01' }],
  'not-on-leave': [{}],
  'item-gated': [{ item: 'Eerste eigen caseload', itemEn: 'First caseload', waitingOn: '"VOG"', waitingOnEn: '"VOG"' }],
  'invalid-plan-change': [{}],
};

/** Every code the journey's code names: `rejection('…'` or `rejected: '…'` in the decider's modules and the workflow. */
function codesNamedInSource(): Set<string> {
  const journey = readdirSync(__dirname).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const files = [...journey, '../../hireJourney.ts', '../schedule.ts'];
  const codes = new Set<string>();
  for (const file of files) {
    const source = readFileSync(join(__dirname, file), 'utf8');
    for (const match of source.matchAll(/(?:rejection\(|rejected: )'([a-z-]+)'/g)) codes.add(match[1]!);
  }
  return codes;
}

describe('the rejection catalogue', () => {
  it('words every code in Dutch and in English, each sentence its own', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...REJECTION_CODES].sort());
    for (const code of REJECTION_CODES) {
      expect(Object.keys(REJECTION_WORDING[code]).sort()).toEqual(['en', 'nl']);
      for (const params of SAMPLES[code]) {
        const dutch = rejectionText(code, params, 'nl');
        const english = rejectionText(code, params, 'en');
        expect(dutch.trim()).not.toBe('');
        expect(english.trim()).not.toBe('');
        expect(english).not.toContain('undefined');
        expect(dutch).not.toContain('undefined');
        expect({ code, english }).not.toEqual({ code, english: dutch });
      }
    }
  });

  it('knows every code the journey refuses with', () => {
    const named = codesNamedInSource();
    expect(named.size).toBeGreaterThan(15);
    expect([...named].filter((code) => !isRejectionCode(code))).toEqual([]);
  });

  it('lets the decider refuse with the values an English sentence needs', () => {
    const { input } = journeyTestHire('h-0100');
    const template = { ...rivierenlandTemplate, organisationId: input.organisationId };
    const state = initialJourneyState(input, 'hire-journey:l', template, '2026-08-03');
    const gated = decide(
      state,
      { kind: 'CompleteItem', itemId: 'milestone:first-own-caseload', actor: 'manager:piet' },
      '2026-10-02',
    );
    if (!isRejection(gated)) throw new Error('expected a rejection');
    expect(rejectionText(gated.rejected, gated.params ?? {}, 'en')).toBe(
      '"First caseload of your own" can only be completed once ' +
        '"Certificate of conduct (VOG) received and filed (before the first working day)" is done.',
    );
    const late = decide(state, { kind: 'StartLeave', from: '1999-01-01', actor: 'hr:anne' }, '2026-08-10');
    if (!isRejection(late)) throw new Error('expected a rejection');
    expect(rejectionText(late.rejected, late.params ?? {}, 'en')).toBe(
      'The first day of leave is outside the window that can be planned (2021-08-10 to 2031-08-10).',
    );
  });
});
