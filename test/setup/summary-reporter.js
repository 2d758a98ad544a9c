// Ends every Jest run with one plain line that CI can read: "N passed, N failed, N skipped".
// Before it, for runs of several files, the slowest ones (wall time, first to look at when the suite gets slow).
const SLOWEST = 8;

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const files = results.testResults
      .filter((file) => file.perfStats && file.perfStats.end > file.perfStats.start)
      .map((file) => ({ path: file.testFilePath, ms: file.perfStats.end - file.perfStats.start }))
      .sort((a, b) => b.ms - a.ms);
    if (files.length > SLOWEST) {
      const root = process.cwd() + '/';
      process.stdout.write(`\nslowest test files (wall time; ${files.length} files):\n`);
      for (const file of files.slice(0, SLOWEST))
        process.stdout.write(`  ${(file.ms / 1000).toFixed(1).padStart(6)} s  ${file.path.replace(root, '')}\n`);
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
