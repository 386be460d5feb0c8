import fc from 'fast-check';
import { DEFAULT_QUESTIONNAIRE, type Questionnaire } from '../../workflows/domain/questionnaire';
import type { SurveyGroup } from '../../workflows/domain/surveyGroups';
import { surveyReport } from '../../workflows/domain/surveyReport';
import type { RetentionRow } from '../projections/retentionProjection';
import { surveyBesideRetention } from './surveyBesideRetention';
import { surveyBesideRetentionCsv } from './surveyRetentionCsv';

const questionnaire: Questionnaire = { ...DEFAULT_QUESTIONNAIRE, organisationId: 'o1' };
const TEAMS = ['Noord', 'Zuid', 'West', 'Oost'];
const group = (team: string): SurveyGroup => ({
  team,
  location: 'Tiel',
  startQuarter: '2025-Q1',
  roleFamily: 'client-work',
  templateId: 'rvdk',
});
const row = (team: string, index: number, left: boolean): RetentionRow => ({
  hireId: `h-${team}-${index}`,
  startDate: '2025-02-03',
  role: 'Jeugdzorgwerker',
  team,
  location: 'Tiel',
  templateId: 'rvdk',
  templateVersion: 1,
  status: left ? 'left' : 'employed',
  lastWorkingDay: left ? '2025-06-30' : null,
  mentorFrom: null,
  mentorUntil: null,
  mentorHoursPerWeek: null,
  lastMentorMeeting: null,
  mentorDeclines: 0,
  mentorNotFound: false,
  escalatedTasks: 0,
  escalatedMilestones: 0,
  openEscalations: 0,
  lateWelcome: false,
  exitReasons: [],
});
const answers = (seed: number) =>
  Object.fromEntries(
    questionnaire.items
      .filter((item) => item.kind !== 'open')
      .map((item) => [item.id, item.kind === 'enps' ? seed % 11 : 1 + (seed % 5)]),
  );
const scaleItems = questionnaire.items.filter((item) => item.kind !== 'open').length;

function parseCsv(csv: string): string[][] {
  // The fields here hold no quotes, commas or line breaks: a split is a faithful parse.
  return csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('the survey beside retention as CSV', () => {
  it('holds exactly the groups of the JSON answer: figures for shown groups, none for any group k hides', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }), (answered) => {
        const responses = TEAMS.flatMap((team, t) =>
          Array.from({ length: answered[t]! }, (_, i) => ({ group: group(team), answers: answers(i + t) })),
        );
        const report = surveyReport({
          waveId: 'ninety-days-2025-Q2',
          questionnaire,
          responses,
          invited: TEAMS.map((team) => ({ group: group(team), count: 10 })),
        });
        const rows = TEAMS.flatMap((team, t) => Array.from({ length: 6 }, (_, i) => row(team, i, i < t)));
        const view = surveyBesideRetention(report, rows, { today: '2026-12-01', earlyLeaverDays: 365 });
        const [header, ...lines] = parseCsv(surveyBesideRetentionCsv(view));
        const at = (line: string[], column: string) => line[header!.indexOf(column)]!;

        for (const shown of view.groups) {
          const mine = lines.filter(
            (line) => at(line, 'dimension') === shown.dimension && at(line, 'group') === shown.value,
          );
          if (shown.suppressed) {
            // One row: the reason, and nothing of either side.
            expect(mine).toHaveLength(1);
            expect(at(mine[0]!, 'suppressed')).toBe(shown.suppressed);
            for (const column of ['responses', 'mean', 'enps', 'hires', 'left', 'retention_year1'])
              expect(at(mine[0]!, column)).toBe('');
          } else {
            expect(mine).toHaveLength(scaleItems);
            expect(Number(at(mine[0]!, 'responses'))).toBe(shown.survey!.responses);
            expect(Number(at(mine[0]!, 'responses'))).toBeGreaterThanOrEqual(report.minimumGroupSize);
            expect(Number(at(mine[0]!, 'hires'))).toBe(shown.retention!.hires);
            expect(Number(at(mine[0]!, 'left'))).toBe(shown.retention!.left);
          }
        }
        // No row of a group the JSON does not list, and every team under k answers is hidden.
        expect(lines).toHaveLength(view.groups.reduce((sum, g) => sum + (g.suppressed ? 1 : scaleItems), 0));
        TEAMS.forEach((team, t) => {
          if (answered[t]! >= report.minimumGroupSize) return;
          const line = lines.find((l) => at(l, 'dimension') === 'team' && at(l, 'group') === team);
          if (line) expect(at(line, 'responses')).toBe('');
        });
      }),
      { numRuns: 60 },
    );
  });
});
