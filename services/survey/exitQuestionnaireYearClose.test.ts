import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanFiles } from '../../test/support/byteScan';
import type { ExitQuestionnaireAnswer } from '../../workflows/domain/exitQuestionnaire';
import { SurveyStore } from './surveyStore';

const K = 5;
const ORG = 'jeugdzorg-jaarafsluiting';

/**
 * The exit questionnaire's yearly close: a team that never reaches five within its year does not keep its answers
 * waiting for ever. They are pooled across the organisation's small teams and released if that pool reaches five,
 * and deleted — every byte — if it does not. The clock is the store's own; the year is the Dutch one.
 */
describe("the exit questionnaire's yearly close", () => {
  let directory: string;
  let store: SurveyStore;
  let now: number;
  let hires = 0;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'soft-landing-exit-year-'));
    now = Date.parse('2026-06-15T10:00:00Z');
    store = new SurveyStore(
      { tokensPath: join(directory, 'tokens.sqlite'), answersPath: join(directory, 'answers.sqlite') },
      Buffer.alloc(32, 3),
      () => now,
    );
  });
  afterEach(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const answer = async (team: string, given: ExitQuestionnaireAnswer = { reasons: ['workload'] }) => {
    hires += 1;
    const token = await store.exitQuestionnaire.invite({
      organisationId: ORG,
      hireId: `h-${hires}`,
      team,
      expiresAt: now + 30 * 86_400_000,
    });
    return (await store.exitQuestionnaire.submit(token, given, K)).released;
  };
  const teamsReleased = async () =>
    (await store.exitQuestionnaire.released(ORG, K)).map((released) => released.team).sort();

  it('pools what small teams left waiting at New Year, once, and releases it when the pool reaches five', async () => {
    for (let i = 0; i < 4; i += 1) await answer('Team Noord');
    for (let i = 0; i < 2; i += 1) await answer('Team Zuid');
    for (let i = 0; i < 4; i += 1) expect(await answer('Team West')).toBe(0);
    expect(await answer('Team West')).toBe(5);
    expect(await teamsReleased()).toEqual(Array(5).fill('Team West'));

    // 31 December, 23:30 UTC is New Year's night in the Netherlands: the first report of 2027 closes 2026.
    now = Date.parse('2026-12-31T23:30:00Z');
    expect(await teamsReleased()).toEqual([...Array(6).fill('*'), ...Array(5).fill('Team West')]);
    // Closed once: nothing more happens on the next read, and 2026 cannot be closed again.
    expect(await store.exitQuestionnaire.closeYear(ORG, 2026, K)).toEqual({ pooled: 0, deleted: 0 });
    expect(await teamsReleased()).toHaveLength(11);
  });

  it('deletes a remainder under five, to the last byte, and keeps the answer that closed the year', async () => {
    const secret = 'Zeeuwse-kust-toelichting-die-niemand-anders-schreef';
    for (let i = 0; i < 3; i += 1) await answer('Team Noord', { reasons: ['workload'], openText: `${secret}-${i}` });
    expect(scanFiles(directory, [secret]).occurrences).toBeGreaterThan(0);

    // The first answer of 2027 (Team Oost) closes 2026 before it joins the pool: Noord's three are deleted.
    now = Date.parse('2027-01-04T09:00:00Z');
    await answer('Team Oost');
    expect(await teamsReleased()).toEqual([]);
    expect(scanFiles(directory, [secret]).found).toEqual([]);
    // Oost's answer waits on: four more make its team's five.
    for (let i = 0; i < 3; i += 1) expect(await answer('Team Oost')).toBe(0);
    expect(await answer('Team Oost')).toBe(5);
    expect(await teamsReleased()).toEqual(Array(5).fill('Team Oost'));
  });

  it('closes no year before the store began, so its first months are not swept away at once', async () => {
    for (let i = 0; i < 3; i += 1) await answer('Team Noord');
    expect(await store.exitQuestionnaire.closeYear(ORG, 2025, K)).toEqual({ pooled: 0, deleted: 0 });
    for (let i = 0; i < 2; i += 1) await answer('Team Zuid');
    // Still June 2026: nothing was closed, so Noord's three and Zuid's two wait in their own teams.
    expect(await teamsReleased()).toEqual([]);
    expect(await answer('Team Noord')).toBe(0);
    expect(await answer('Team Noord')).toBe(5);
    expect(await teamsReleased()).toEqual(Array(5).fill('Team Noord'));
  });
});
