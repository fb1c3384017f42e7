import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, hashToken, matchesSecret } from "./secrets.js";

describe("secret comparison and token hashes", () => {
  it("constantTimeEqual and matchesSecret agree: equal only for the same string, whatever the lengths", () => {
    const isAdmin = matchesSecret("s3cret-token");
    for (const candidate of ["s3cret-token", "s3cret-tokeN", "s3cret-token ", "", "s3cret", "x".repeat(5000)]) {
      const same = candidate === "s3cret-token";
      expect(constantTimeEqual(candidate, "s3cret-token"), candidate).toBe(same);
      expect(isAdmin(candidate), candidate).toBe(same);
    }
    expect(matchesSecret("")("")).toBe(true);
  });

  it("hashToken is the base64url SHA-256 that stored API keys and sessions were hashed with", () => {
    // Changing it would lock out every stored key: it must stay this digest.
    for (const token of ["wharf_live_abc", "é", ""])
      expect(hashToken(token)).toBe(createHash("sha256").update(token).digest("base64url"));
  });
});
