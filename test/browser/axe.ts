// axe-core (Deque's accessibility engine) run inside a dashboard page: the page test fails on any
// violation axe rates "serious" or "critical", and on the few structural rules it rates lower that
// the dashboard holds itself to (one main landmark, an h1, headings in order, no empty heading).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** Evaluated over the DevTools protocol: the dashboard's CSP (script-src 'self') refuses a script tag. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Rules below "serious" that still fail the page: the home-made audit held the dashboard to them. */
export const STRUCTURE_RULES = ["landmark-one-main", "page-has-heading-one", "heading-order", "empty-heading"];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** One line per failing element: rule id, impact, CSS target and what axe says to fix. */
export async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  const { passed, violations } = await page.evaluate<{ passed: number; violations: AxeViolation[] }>(`
    axe.run(document).then((r) => ({
      passed: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    }))`);
  // A page axe found nothing to check on (blank, or axe not run on it) proves nothing.
  if (passed + violations.length === 0) throw new Error("axe ran no rule on the page");
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || STRUCTURE_RULES.includes(v.id))
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact ?? "?"}) ${JSON.stringify(n.target)}: ${v.help}` +
          (n.failureSummary ? ` - ${n.failureSummary.replace(/\s+/g, " ").slice(0, 200)}` : ""),
      ),
    );
}
