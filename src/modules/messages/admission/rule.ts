import type { DialectName, Executor } from "../../../platform/db/index.js";
import type { Candidate } from "./intent.js";

/**
 * A send rule: refuses (sets `refusal` on) the candidates that break it. It sees only candidates
 * no earlier rule refused, all of one batch at once, in the transaction that will write them, so a
 * rule that counts (a limit, a quota) can count and take in one step.
 */
export interface SendRule {
  name: string;
  apply(trx: Executor, ctx: { dialect: DialectName }, candidates: Candidate[]): Promise<void> | void;
}
