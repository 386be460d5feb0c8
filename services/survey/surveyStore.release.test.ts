import fc from 'fast-check';
import { DEFAULT_QUESTIONNAIRE } from '../../workflows/domain/questionnaire';
import { SURVEY_DIMENSIONS, type SurveyGroup } from '../../workflows/domain/surveyGroups';
import { releasableAnswers } from '../../workflows/domain/surveyRelease';
import { SurveyStore } from './surveyStore';

const K = 5;
const WAVE = 'ninety-days-2026-Q4';
const answers = { enps: 8 };

const group = fc.record<SurveyGroup>({
  team: fc.constantFrom('Team Noord', 'Team Zuid', 'Team West'),
  location: fc.constantFrom('Tiel', 'Culemborg'),
  startQuarter: fc.constantFrom('2026-Q2', '2026-Q3'),
  roleFamily: fc.constantFrom('client-work', 'support'),
  templateId: fc.constantFrom('rvdk', 'jb-west'),
});

/** Released answers per reporting group ("team=Team Noord"), as a report or an operator reading the table sees them. */
async function releasedPerGroup(store: SurveyStore, organisationId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const response of await store.released(organisationId, WAVE))
    for (const dimension of SURVEY_DIMENSIONS) {
      const key = `${dimension}=${response.group[dimension]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
}

describe('releasing survey answers per reporting group', () => {
  it('never releases a batch, nor a total, of fewer than k answers of any group — also not when the wave closes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(group, { minLength: 1, maxLength: 40 }), async (groups) => {
        const store = SurveyStore.inMemory();
        const organisationId = 'jz-release';
        try {
          const tokens: string[] = [];
          for (const [index, hireGroup] of groups.entries())
            tokens.push(
              await store.invite({
                organisationId,
                hireId: `h-${index}`,
                waveId: WAVE,
                questionnaire: { id: DEFAULT_QUESTIONNAIRE.id, version: 1 },
                group: hireGroup,
                expiresAt: Date.now() + 86_400_000,
              }),
            );
          let before = await releasedPerGroup(store, organisationId);
          const step = async (what: () => Promise<unknown>) => {
            await what();
            const after = await releasedPerGroup(store, organisationId);
            for (const [key, count] of after) {
              const batch = count - (before.get(key) ?? 0);
              expect([key, batch === 0 || batch >= K]).toEqual([key, true]);
              expect([key, count >= K]).toEqual([key, true]);
            }
            before = after;
          };
          for (const token of tokens) await step(() => store.submit(token, answers, K));
          let closed = { released: 0, withheld: 0 };
          await step(async () => {
            closed = await store.closeWave(organisationId, WAVE, K);
          });
          // Whatever could not be released is gone, not kept waiting: nothing of the wave is left in the pool.
          const released = (await store.released(organisationId, WAVE)).length;
          expect(released + closed.withheld).toBe(groups.length);
          // And it releases as much as the rule allows: the largest set in which every group reaches k.
          expect(released).toBe(releasableAnswers(groups, K).filter(Boolean).length);
        } finally {
          store.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds back a lone answer of a small team that the wave-wide rule released with the others', async () => {
    const store = SurveyStore.inMemory();
    const organisationId = 'jz-lone';
    const base: SurveyGroup = {
      team: 'Team Zuid',
      location: 'Tiel',
      startQuarter: '2026-Q3',
      roleFamily: 'client-work',
      templateId: 'rvdk',
    };
    const invite = (hireId: string, team: string) =>
      store.invite({
        organisationId,
        hireId,
        waveId: WAVE,
        questionnaire: { id: DEFAULT_QUESTIONNAIRE.id, version: 1 },
        group: { ...base, team },
        expiresAt: Date.now() + 86_400_000,
      });
    expect((await store.submit(await invite('h-noord', 'Team Noord'), answers, K)).released).toBe(0);
    for (let index = 0; index < 4; index += 1)
      expect((await store.submit(await invite(`h-zuid-${index}`, 'Team Zuid'), answers, K)).released).toBe(0);
    // Five of the wave wait, but only four of Zuid: nothing yet. The fifth of Zuid releases Zuid's five, not Noord.
    expect((await store.submit(await invite('h-zuid-4', 'Team Zuid'), answers, K)).released).toBe(5);
    expect(await store.closeWave(organisationId, WAVE, K)).toEqual({ released: 0, withheld: 1 });
    expect((await store.released(organisationId, WAVE)).map((response) => response.group.team)).toEqual(
      Array(5).fill('Team Zuid'),
    );
    store.close();
  });
});
