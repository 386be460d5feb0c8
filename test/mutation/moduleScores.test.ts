// Plain CommonJS, as Stryker's config reads them; typed here for the test.
const { MUTATED } = require('./modules') as { MUTATED: readonly string[] };
const { moduleScores, shortfalls } = require('./moduleScores') as {
  moduleScores(report: unknown): { module: string; detected: number; valid: number; score?: number; found: boolean }[];
  shortfalls(scores: ReturnType<typeof moduleScores>, target?: number): string[];
};

/** A Stryker report in which every listed module has the given statuses, and `first` has its own. */
function report(first: readonly string[], others: readonly string[] = ['Killed']) {
  return {
    files: Object.fromEntries(
      MUTATED.map((module, index) => [
        module,
        { mutants: (index === 0 ? first : others).map((status, id) => ({ id: String(id), status })) },
      ]),
    ),
  };
}

describe('mutation scores per module', () => {
  it('counts killed and timed-out as detected, survivors and uncovered as not, and leaves out invalid mutants', () => {
    const [first] = moduleScores(
      report(['Killed', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored']),
    );
    expect(first).toEqual({ module: MUTATED[0], detected: 3, valid: 5, score: 60, found: true });
  });

  it('names a module below the target, and one the report lacks', () => {
    const scores = moduleScores(report([...Array(17).fill('Killed'), 'Survived', 'Survived', 'Survived']));
    expect(shortfalls(scores)).toEqual([]); // 17 of 20 is exactly 85%: on target
    expect(shortfalls(moduleScores(report([...Array(16).fill('Killed'), 'Survived', 'Survived', 'Survived'])))).toEqual(
      [`${MUTATED[0]}: 84.2% (16/19), below 85%`],
    );
    const lacking = report(['Killed']);
    delete (lacking.files as Record<string, unknown>)[MUTATED[1]!];
    expect(shortfalls(moduleScores(lacking))).toEqual([`${MUTATED[1]}: not in the report`]);
  });
});
