import { GraphError } from "../../graph/index.js";
import { AppError } from "../../platform/errors/index.js";
import { metaFailure as genericMetaFailure } from "../connection/index.js";

/** The shared Graph-to-API mapping, plus Meta's refusal of a media file (131053: type or size). */
export function metaFailure(err: unknown, doing: string): AppError {
  if (err instanceof GraphError && err.code === 131053) {
    const said = err.error_user_msg ?? err.details ?? err.message;
    return new AppError("MEDIA_TYPE_NOT_SUPPORTED", `Meta refused the file: ${said}`, {
      details: { metaCode: err.code, metaSubcode: err.error_subcode, fbtraceId: err.fbtrace_id },
    });
  }
  return genericMetaFailure(err, doing);
}
