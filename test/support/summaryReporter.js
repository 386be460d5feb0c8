/**
 * Ends every run with one plain line, "tests: N passed, N failed, N skipped", which CI reads in any language.
 * Skipped counts suites skipped for a missing service too, so a quiet skip cannot pass for a pass.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
