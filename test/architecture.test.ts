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
    const offenders = sourceFiles("src").filter((f) => !f.startsWith(path.join("src", "config")) && /process\.env/.test(fs.readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("no use-case reads the wall clock directly: time is injected", () => {
    const offenders = sourceFiles("src/modules").filter((f) => /Date\.now\(\)/.test(fs.readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("leased-queue SQL lives only in src/platform/queue: claims and lease writes go through its primitive", () => {
    // Claim SQL (SKIP LOCKED, FOR UPDATE) or an update of the lease owner is a new hand-rolled queue.
    // Row types and inserts (`lease_owner: null` in `.values(...)`) are fine.
    const claimSql = /skipLocked\(|skip\s+locked|forUpdate\(|for\s+update/i;
    const leaseWrite = /\.set\(\{[^}]*\blease_owner\b|\bset\b[^;]*\blease_owner\s*=/i;
    const offenders = sourceFiles("src").filter((f) => {
      if (f.startsWith(path.join("src", "platform", "queue") + path.sep)) return false;
      const text = withoutComments(fs.readFileSync(f, "utf8"));
      return claimSql.test(text) || leaseWrite.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
