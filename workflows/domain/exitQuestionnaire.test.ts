import { exitQuestionnaireReport, validateExitQuestionnaireAnswer } from './exitQuestionnaire';

const answers = (team: string, count: number, reasons: string[] = ['workload']) =>
  Array.from({ length: count }, () => ({ team, reasons: reasons as never[] }));

describe('the exit questionnaire', () => {
  it('takes reasons from the taxonomy and an optional text, trimmed', () => {
    expect(validateExitQuestionnaireAnswer({ reasons: ['workload'], openText: '  Te druk ' })).toEqual({
      ok: true,
      value: { reasons: ['workload'], openText: 'Te druk' },
    });
    expect(validateExitQuestionnaireAnswer({ reasons: ['workload'], openText: '   ' })).toEqual({
      ok: true,
      value: { reasons: ['workload'] },
    });
    const refused = validateExitQuestionnaireAnswer({ reasons: ['salary', 'workload', 'workload'] }, 'en');
    expect(refused.ok || refused.problems.map((problem) => problem.pointer)).toEqual(['/reasons', '/reasons']);
  });

  it('shows nothing under five respondents, and the whole and the team from five on', () => {
    expect(exitQuestionnaireReport(answers('Noord', 4))).toEqual({
      minimumGroupSize: 5,
      teams: [{ team: 'Noord' }],
      openTexts: [],
    });
    const five = exitQuestionnaireReport(answers('Noord', 5));
    expect(five.whole?.respondents).toBe(5);
    expect(five.teams).toEqual([{ team: 'Noord', figures: five.whole }]);
  });

  it('hides a team of five too when a smaller one beside it could be read off the whole', () => {
    const report = exitQuestionnaireReport([...answers('Noord', 5), ...answers('Zuid', 3, ['other'])]);
    expect(report.whole?.respondents).toBe(8);
    expect(report.teams).toEqual([{ team: 'Noord' }, { team: 'Zuid' }]);
  });
});
