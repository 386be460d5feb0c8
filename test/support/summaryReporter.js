/**
 * Ends every run with one plain line, "tests: N passed, N failed, N skipped", which CI reads in any language.
 * Skipped counts suites skipped for a missing service too, so a quiet skip cannot pass for a pass. Every skipped
 * test is listed above that line with its file and title (a skip names its reason in its title), and the reasons
 * are repeated on the line itself: console output of a file whose tests were all skipped may never be shown.
 */
class SummaryReporter {
  constructor() {
    this.skips = [];
  }

  onTestResult(_test, testResult) {
    for (const result of testResult.testResults) {
      if (result.status === 'pending' || result.status === 'todo') {
        this.skips.push({ file: relative(testResult.testFilePath), title: result.fullName });
      }
    }
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    // A suite skipped for a reason is named once, not once per test in it; tests left out by a filter (-t) or an
    // `it.skip` carry no reason and are only counted.
    const withReason = this.skips.filter((skip) => skip.title.includes('[SKIPPED: '));
    const lines = withReason.map((skip) => `SKIPPED ${skip.file} › ${skip.title}`);
    const reasons = [...new Set(withReason.map((skip) => skip.title.replace(/(\[SKIPPED: .*\]).*$/, '$1')))];
    const unexplained = this.skips.length - withReason.length;
    if (unexplained > 0) reasons.push(`${unexplained} without a reason (filtered or it.skip)`);
    const because = reasons.length === 0 ? '' : ` (skipped: ${reasons.join('; ')})`;
    process.stdout.write(
      `\n${lines.map((line) => `${line}\n`).join('')}tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped${because}\n`,
    );
  }
}

function relative(path) {
  return path.startsWith(process.cwd()) ? path.slice(process.cwd().length + 1) : path;
}

module.exports = SummaryReporter;
