import { AppError } from "../../platform/errors/index.js";

export const MAX_PATTERN = 200;
/** Inbound text a keyword regex is tested against is cut to this length. */
export const MAX_MATCHED_TEXT = 4096;

/**
 * Compiles a customer-facing regex only if it cannot backtrack catastrophically: at most 200
 * characters, no backreferences or lookarounds, and no quantified group that itself contains a
 * quantifier or an alternation (`(a+)+`, `(a|aa)*`: the shapes whose matching time explodes), and
 * at most two unbounded repeats in all.
 * Inbound text is cut to 4 KiB before matching, so a linear pattern stays cheap.
 */
export function compileSafeRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const bad = (why: string) =>
    new AppError("VALIDATION_FAILED", `The pattern ${JSON.stringify(pattern.slice(0, 60))} ${why}.`);
  if (pattern.length > MAX_PATTERN) throw bad(`is longer than ${MAX_PATTERN} characters`);
  let re: RegExp;
  try {
    re = new RegExp(pattern, caseInsensitive ? "iu" : "u");
  } catch (err) {
    throw bad(`is not a valid regular expression (${(err as Error).message})`);
  }
  if (/\\[1-9]|\\k</.test(pattern)) throw bad("uses a backreference; keyword patterns may not");
  if (/\(\?<?[=!]/.test(pattern)) throw bad("uses a lookaround; keyword patterns may not");
  // Walk the groups: a group that contains a quantifier or `|` may not be quantified itself.
  const stack: Array<{ risky: boolean }> = [];
  let unbounded = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") stack.push({ risky: false });
    else if (ch === ")") {
      const group = stack.pop();
      const next = pattern[i + 1];
      const quantified = next === "*" || next === "+" || next === "?" || next === "{";
      if (group?.risky && quantified && next !== "?")
        throw bad("repeats a group that itself repeats or alternates (like (a+)+): it could take forever on some text");
      if (group?.risky && stack.length > 0) stack[stack.length - 1]!.risky = true;
      if (quantified && stack.length > 0) stack[stack.length - 1]!.risky = true;
    } else if (ch === "*" || ch === "+" || ch === "{" || ch === "|" || (ch === "?" && pattern[i - 1] !== "(")) {
      if (ch === "*" || ch === "+" || (ch === "{" && /^\{\d*,\}/.test(pattern.slice(i)))) unbounded++;
      if (stack.length > 0) stack[stack.length - 1]!.risky = true;
    }
  }
  // `.*x.*y.*z` is polynomial; two unbounded repeats keep 4 KiB of text cheap.
  if (unbounded > 2) throw bad("has more than two unbounded repeats (*, +, {n,})");
  return re;
}
