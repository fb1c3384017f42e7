import { describe, expect, it } from "vitest";
import { readConnectOutcome } from "../../web/src/connect-outcome.js";
import { parseSignupMessage } from "../../web/src/signup-message.js";

const META = "https://www.facebook.com";
const msg = (event: string, data: Record<string, unknown>) =>
  JSON.stringify({ type: "WA_EMBEDDED_SIGNUP", event, data, version: 3 });

describe("Embedded Signup's session messages (WA_EMBEDDED_SIGNUP)", () => {
  it("reads FINISH, FINISH_ONLY_WABA and the coexistence finish with their ids", () => {
    expect(
      parseSignupMessage(META, msg("FINISH", { phone_number_id: "11", waba_id: "22", business_id: "33" }), [META]),
    ).toEqual({ event: "FINISH", wabaId: "22", phoneNumberId: "11" });
    expect(parseSignupMessage(META, msg("FINISH_ONLY_WABA", { waba_id: "22" }), [META])).toEqual({
      event: "FINISH_ONLY_WABA",
      wabaId: "22",
      phoneNumberId: undefined,
    });
    expect(
      parseSignupMessage(META, msg("FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING", { waba_id: "5" }), [META]),
    ).toMatchObject({ event: "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING", wabaId: "5" });
  });

  it("reads a cancel with its step, and an error (as ERROR, or as CANCEL carrying error_message)", () => {
    expect(parseSignupMessage(META, msg("CANCEL", { current_step: "PHONE_NUMBER_SETUP" }), [META])).toEqual({
      event: "CANCEL",
      step: "PHONE_NUMBER_SETUP",
    });
    const error = { error_message: "Number already in use", error_id: "524126", session_id: "s1", timestamp: "1" };
    for (const event of ["ERROR", "CANCEL"])
      expect(parseSignupMessage(META, msg(event, error), [META])).toEqual({
        event: "ERROR",
        message: "Number already in use",
        errorId: "524126",
        sessionId: "s1",
      });
  });

  it("ignores other origins, other message types and malformed data", () => {
    const finish = msg("FINISH", { waba_id: "22" });
    expect(parseSignupMessage("https://evil.example", finish, [META])).toBeUndefined();
    expect(parseSignupMessage("https://facebook.com.evil.example", finish, [META])).toBeUndefined();
    expect(parseSignupMessage(META, "{not json", [META])).toBeUndefined();
    expect(parseSignupMessage(META, JSON.stringify({ type: "OTHER", event: "FINISH" }), [META])).toBeUndefined();
    expect(parseSignupMessage(META, msg("SOMETHING_NEW", {}), [META])).toBeUndefined();
    expect(parseSignupMessage(META, null, [META])).toBeUndefined();
  });

  it("a redirect back with several WABAs asks this session to choose, with the state", () => {
    expect(readConnectOutcome("?connect=choose&state=abc")).toEqual({ ok: false, choose: "abc" });
    expect(readConnectOutcome("?connect=choose")).toBeUndefined();
  });
});
