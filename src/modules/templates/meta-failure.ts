import { GraphError } from "../../graph/index.js";
import { AppError } from "../../platform/errors/index.js";
import { metaFailure as genericMetaFailure } from "../connection/index.js";

/** Meta's subcodes for a template definition it refuses (template-management docs, pywa's table). */
const TEMPLATE_CONTENT_SUBCODES = new Set([2388040, 2388047, 2388072, 2388073, 2388293, 2388299]);
const DUPLICATE = 2388024;

/** The shared Graph-to-API mapping, plus what Meta says specifically about template definitions. */
export function metaFailure(err: unknown, doing: string): AppError {
  if (err instanceof GraphError && !err.retryable && err.kind === "request") {
    const details = { metaCode: err.code, metaSubcode: err.error_subcode, fbtraceId: err.fbtrace_id };
    const said = err.error_user_msg ?? err.details ?? err.message;
    if (err.error_subcode === DUPLICATE)
      return new AppError(
        "TEMPLATE_ALREADY_EXISTS",
        `Meta already has this template in that language: ${said} Run POST /v1/templates/sync to see it.`,
        { details },
      );
    if (err.error_subcode !== undefined && TEMPLATE_CONTENT_SUBCODES.has(err.error_subcode)) {
      return new AppError("TEMPLATE_INVALID", `Meta refused the template: ${said}`, {
        details: [{ field: "components", message: said }],
      });
    }
  }
  return genericMetaFailure(err, doing);
}
