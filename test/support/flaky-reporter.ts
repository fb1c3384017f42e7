import type { Reporter, TestCase } from "vitest/node";

/**
 * Names every test that failed and then passed on its retry (CI retries once: WHARF_TEST_RETRY).
 * A retry keeps one slow moment on a loaded machine from failing the run, but a flaky test is
 * still a finding: the CI log lists each one, with the first attempt's error, to be fixed.
 */
export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(test: TestCase): void {
    if (!test.diagnostic()?.flaky) return;
    const first = test.result().errors?.[0]?.message?.split("\n")[0] ?? "";
    this.flaky.push(`${test.module.moduleId.replace(process.cwd() + "/", "")} > ${test.fullName}: ${first}`);
  }

  onTestRunEnd(): void {
    if (this.flaky.length === 0) return;
    process.stdout.write(`\nFlaky: ${this.flaky.length} test(s) failed once and passed on the retry:\n`);
    for (const line of this.flaky) process.stdout.write(`  FLAKY ${line}\n`);
  }
}
