import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

describe("architecture rules that dependency-cruiser cannot see", () => {
  it("only src/config reads process.env (the CLI entry passes it in)", () => {
    const offenders = sourceFiles("src").filter(
      (f) => !f.startsWith(path.join("src", "config")) && /process\.env/.test(fs.readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("no use-case reads the wall clock directly: time is injected", () => {
    const offenders = sourceFiles("src/modules").filter((f) => /Date\.now\(\)/.test(fs.readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the send rules live only in the admission pipeline: nothing else refuses with their codes or reads what they read", () => {
    const admission = path.join("src", "modules", "messages", "admission") + path.sep;
    // A call (not the definition) of what the window, consent and limit rules read or take, or one of their refusal codes.
    const ruleWork =
      /(?<!function )\b(lastInboundAt|lastInboundByRecipient|marketingConsent|admitToReach|tierLimit)\(|"(WINDOW_CLOSED|RECIPIENT_OPTED_OUT|MESSAGING_LIMIT_REACHED)"/;
    const offenders = sourceFiles("src/modules").filter(
      (f) => !f.startsWith(admission) && ruleWork.test(fs.readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("events are recorded through the catalog: no untyped publish( outside src/platform/events", () => {
    // events.recordEvent checks the event against the catalog and publishes only after the commit;
    // a direct publish would skip both (and the endpoints). The emulator's own webhook publish is Meta's side.
    const allowed = [path.join("src", "platform", "events"), path.join("src", "emulator")];
    const offenders = sourceFiles("src").filter(
      (f) => !allowed.some((a) => f.startsWith(a)) && /\.publish\(/.test(fs.readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("leased-queue SQL lives only in src/platform/queue: claims and lease writes go through its primitive", () => {
    // Claim SQL (SKIP LOCKED, FOR UPDATE) or an update of the lease owner is a new hand-rolled queue.
    // Row types and inserts (`lease_owner: null` in `.values(...)`) are fine.
    const claimSql = /skipLocked\(|skip\s+locked|forUpdate\(|for\s+update/i;
    const leaseWrite = /\.set\(\{[^}]*\blease_owner\b|\bset\b[^;]*\blease_owner\s*=/i;
    // Row locks that are not claims: a status batch locks its messages in id order (one lock order,
    // issue 13). SKIP LOCKED and lease writes stay forbidden there too.
    const rowLocks = [path.join("src", "modules", "messages", "messages.repo.ts")];
    const skipping = /skipLocked\(|skip\s+locked/i;
    const offenders = sourceFiles("src").filter((f) => {
      if (f.startsWith(path.join("src", "platform", "queue") + path.sep)) return false;
      const text = withoutComments(fs.readFileSync(f, "utf8"));
      return (rowLocks.includes(f) ? skipping : claimSql).test(text) || leaseWrite.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
