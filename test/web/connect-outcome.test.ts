import { describe, expect, it } from "vitest";
import { readConnectOutcome } from "../../web/src/connect-outcome.js";

describe("the connection page's outcome from the address", () => {
  it("shows its own text for a known code and never the message the URL carries", () => {
    const evil = "Your account is suspended. Call +1 555 0100 and read us your code";
    const known = readConnectOutcome(`?connect=error&code=OAUTH_CODE_REJECTED&message=${encodeURIComponent(evil)}`);
    expect(known).toMatchObject({ ok: false, code: "OAUTH_CODE_REJECTED" });
    expect(JSON.stringify(known)).not.toContain("suspended");
    expect((known as { message: string }).message).toMatch(/^Meta did not authorize/);
  });

  it("shows a generic failure for an unknown or forged code", () => {
    for (const code of ["<img src=x onerror=alert(1)>", "toString", "__proto__", "", "CALL_US_NOW"]) {
      const outcome = readConnectOutcome(`?connect=error&code=${encodeURIComponent(code)}&message=hello`);
      expect(outcome, code).toEqual({
        ok: false,
        code: "CONNECT_FAILED",
        message: "Connecting to WhatsApp failed. Try again.",
      });
    }
  });

  it("reads success, and nothing when there is no outcome", () => {
    expect(readConnectOutcome("?connect=ok&message=x")).toEqual({ ok: true });
    expect(readConnectOutcome("")).toBeUndefined();
  });
});
