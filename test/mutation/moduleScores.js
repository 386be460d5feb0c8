/**
 * The score of each mutated module from Stryker's JSON report, against the target of 85% per module (not overall:
 * a well-tested module must not hide a weak one). `npm run mutation:scores` prints the table after a run and exits 1
 * when a module is below the target or the report misses one. Score = detected / valid, as Stryker counts it:
 * killed and timed-out mutants are detected; survivors and uncovered ones are not; compile and runtime errors and
 * ignored mutants are not valid. Survivors that no test can kill are listed in equivalent-mutants.md, and still count.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { MUTATED } = require('./modules');

const TARGET = 85;
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Per module: detected, valid and the score in percent (undefined when the report has no valid mutant for it). */
function moduleScores(report) {
  return MUTATED.map((module) => {
    const file = report.files[module];
    const mutants = file ? file.mutants : [];
    const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
    const undetected = mutants.filter((mutant) => UNDETECTED.has(mutant.status)).length;
    const valid = detected + undetected;
    return { module, detected, valid, score: valid === 0 ? undefined : (100 * detected) / valid, found: !!file };
  });
}

/** The problems with those scores: a module missing from the report, or below the target. */
function shortfalls(scores, target = TARGET) {
  return scores.flatMap((entry) => {
    if (!entry.found) return [`${entry.module}: not in the report`];
    if (entry.score !== undefined && entry.score < target)
      return [`${entry.module}: ${entry.score.toFixed(1)}% (${entry.detected}/${entry.valid}), below ${target}%`];
    return [];
  });
}

if (require.main === module) {
  const path = process.argv[2] ?? join(__dirname, '..', '..', 'reports', 'mutation', 'mutation.json');
  const scores = moduleScores(JSON.parse(readFileSync(path, 'utf8')));
  for (const entry of scores)
    console.log(
      `${entry.module.padEnd(52)} ${entry.score === undefined ? '   –  ' : `${entry.score.toFixed(1).padStart(5)}%`}  ${entry.detected}/${entry.valid}`,
    );
  const problems = shortfalls(scores);
  for (const problem of problems) console.error(`mutation score: ${problem}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

module.exports = { moduleScores, shortfalls, TARGET };
