import { describe, expect, it } from "vitest";
import { classifyGraphError } from "../../graph/index.js";
import { ChannelError } from "../errors.js";
import { metaChannelError } from "./meta-errors.js";

/** Meta's answer as the Graph client classifies it, then as the port reports it. */
function fromMeta(status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) {
  const body = { error: { type: "OAuthException", fbtrace_id: "TRACE", ...error } };
  const graphError = classifyGraphError(
    { kind: "http", status, body, headers: new Headers(headers) },
    { method: "POST", path: "/v23.0/1/messages" },
  );
  const mapped = metaChannelError(graphError);
  if (!(mapped instanceof ChannelError)) throw new Error("not mapped");
  return mapped;
}

describe("Meta's throttles become the port's, with the budget that ran out", () => {
  it("80007 waits out x-business-use-case-usage's estimated_time_to_regain_access, on the account", () => {
    const buc = {
      "1": [{ type: "whatsapp_business_management", call_count: 100, estimated_time_to_regain_access: 3 }],
    };
    const err = fromMeta(
      400,
      { code: 80007, message: "(#80007) throttled" },
      { "x-business-use-case-usage": JSON.stringify(buc) },
    );
    expect(err).toMatchObject({ kind: "throttled", scope: "account", retryAfterMs: 180_000, retryable: true });
    expect(err.provider).toMatchObject({ code: 80007, traceId: "TRACE" });
  });

  it("130429 is the number's throughput; 131056 is one recipient's pair rate", () => {
    expect(fromMeta(400, { code: 130429, message: "mps" })).toMatchObject({ kind: "throttled", scope: "number" });
    expect(fromMeta(400, { code: 131056, message: "pair" })).toMatchObject({ kind: "throttled", scope: "recipient" });
  });
});

describe("Meta's other failures in the port's terms", () => {
  it("190 is an auth lapse, never retried", () => {
    expect(fromMeta(401, { code: 190, message: "expired" })).toMatchObject({ kind: "auth_lapsed", retryable: false });
  });

  it("a 5xx is unavailable and retryable", () => {
    expect(fromMeta(500, { code: 131000, message: "went wrong" })).toMatchObject({
      kind: "unavailable",
      retryable: true,
    });
  });

  it("a refusal keeps Meta's words for a person and its details", () => {
    const err = fromMeta(400, {
      code: 131026,
      message: "Message undeliverable",
      error_user_msg: "Not on WhatsApp",
      error_data: { details: "Recipient cannot receive" },
    });
    expect(err).toMatchObject({ kind: "refused", retryable: false, reason: undefined });
    expect(err.said).toBe("Not on WhatsApp");
  });

  it("a failure that is not Meta's passes through unchanged", () => {
    const bug = new TypeError("bug");
    expect(metaChannelError(bug)).toBe(bug);
  });
});

describe("the refusals a module reacts to get a reason", () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ code: 136025, message: "wrong code" }, "verification_code_invalid"],
    [{ code: 136024, message: "too many" }, "verification_too_many_attempts"],
    [{ code: 133005, message: "pin mismatch" }, "two_step_pin_mismatch"],
    [{ code: 133008, message: "too many pin guesses" }, "two_step_pin_attempts_exceeded"],
    [{ code: 133006, message: "not verified" }, "number_not_verified"],
    [{ code: 133016, message: "limit" }, "registration_limit_reached"],
    [{ code: 100, error_subcode: 2388012, message: "exists" }, "number_exists"],
    [{ code: 100, error_subcode: 2388103, message: "2sv" }, "two_step_still_enabled"],
    [{ code: 100, error_subcode: 2388093, message: "not migrating" }, "number_not_migratable"],
    [{ code: 100, message: "Invalid parameter verified_name" }, "display_name_rejected"],
    [
      { code: 100, message: "(#100) Param file must be a file with one of the following types: image/png" },
      "media_type_not_supported",
    ],
    [{ code: 131053, message: "upload error" }, "media_type_not_supported"],
    [{ code: 100, error_subcode: 2388024, message: "duplicate" }, "template_exists"],
    [{ code: 100, error_subcode: 2388040, message: "bad component" }, "template_invalid"],
    [{ code: 100, message: "Unsupported get request" }, "invalid_parameter"],
  ];
  for (const [error, reason] of cases) {
    const sub = typeof error["error_subcode"] === "number" ? `/${error["error_subcode"]}` : "";
    it(`${String(error["code"])}${sub} → ${reason}`, () => {
      expect(fromMeta(400, error).reason).toBe(reason);
    });
  }

  it("the file-type refusal carries the supported types in its message", () => {
    const err = fromMeta(400, {
      code: 100,
      message: "(#100) Param file must be a file with one of the following types: image/png",
      error_user_msg: "Bad file",
    });
    expect(err.message).toContain("image/png");
  });
});
