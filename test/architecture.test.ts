import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoFunctions } from "./support/repo-functions.js";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

const moduleOf = (file: string): string | null => {
  const parts = file.split(path.sep);
  return parts[0] === "src" && parts[1] === "modules" ? parts[2]! : null;
};

/** Every table and who owns it: the module (or platform part) whose migrations create it. */
function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const f of sourceFiles("src").filter((f) => f.endsWith(".migrations.ts"))) {
    const owner = moduleOf(f) ?? `platform/${f.split(path.sep)[2]}`;
    for (const m of fs.readFileSync(f, "utf8").matchAll(/\.createTable\(\s*"(\w+)"/g)) owners.set(m[1]!, owner);
  }
  return owners;
}

/** The tables a file's queries name: Kysely's builders, a leased queue's description, and raw `sql` text. */
export function tablesNamed(text: string): string[] {
  const code = withoutComments(text);
  const names = new Set<string>();
  const builder =
    /\.(?:selectFrom|updateTable|insertInto|replaceInto|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin)\(\s*(?:\[\s*)?"(\w+)/g;
  for (const m of code.matchAll(builder)) names.add(m[1]!);
  for (const m of code.matchAll(/\btable:\s*"(\w+)"/g)) names.add(m[1]!);
  for (const literal of code.matchAll(/\bsql(?:<[^>`]*>)?`([^`]*)`/g))
    for (const m of literal[1]!.matchAll(/\b(?:from|join|update|into)\s+"?(\w+)/gi)) names.add(m[1]!);
  return [...names];
}

/**
 * A module reading or writing another module's table, allowed only with a reason: each entry is
 * a documented exception (say, a read-only join on a hot path), never a shortcut around an API.
 */
const CROSS_MODULE_TABLE_ALLOWLIST: Array<{ file: string; table: string; reason: string }> = [];

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
      /(?<!function )\b(lastInboundAt|lastInboundByRecipient|marketingConsent|admitToReach|tierLimit)\(|"(WINDOW_CLOSED|RECIPIENT_OPTED_OUT|RECIPIENT_NOT_OPTED_IN|MESSAGING_LIMIT_REACHED)"/;
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

  it("a module touches only its own tables: another module's data is reached through that module's index.ts", () => {
    const owners = tableOwners();
    // The map is read from the migrations; if that reading broke, every check below would pass.
    expect(owners.get("messages")).toBe("messages");
    expect(owners.get("campaign_recipients")).toBe("campaigns");
    expect(owners.get("jobs")).toBe("platform/jobs");
    expect(owners.size).toBeGreaterThan(25);
    let ownUses = 0;
    const offenders: string[] = [];
    for (const f of sourceFiles("src/modules")) {
      const mod = moduleOf(f)!;
      for (const table of tablesNamed(fs.readFileSync(f, "utf8"))) {
        const owner = owners.get(table);
        if (owner === undefined) continue; // an alias or a CTE name, not a table
        if (owner === mod) ownUses++;
        else if (!CROSS_MODULE_TABLE_ALLOWLIST.some((a) => a.file === f && a.table === table))
          offenders.push(`${f} uses ${table} (owned by ${owner})`);
      }
    }
    expect(ownUses).toBeGreaterThan(30);
    expect(offenders).toEqual([]);
  });

  it("the table scan sees builder calls, queue descriptions and raw SQL", () => {
    const text = [
      'q(db).selectFrom("messages as m").innerJoin("outbox", "outbox.message_id", "m.id")',
      'leasedQueue(dialect, { table: "jobs" })',
      "await sql`update campaigns set total = 0 where id in (select campaign_id from campaign_recipients)`.execute(db)",
      '// q(db).deleteFrom("contacts") in a comment is not a query',
    ].join("\n");
    expect(tablesNamed(text).sort()).toEqual(["campaign_recipients", "campaigns", "jobs", "messages", "outbox"]);
  });

  it("every repository function takes the workspace id, or says why it is cross-tenant", () => {
    // A repository file is a *.repo.ts, or any other module file that queries a table (it should be one).
    const owners = tableOwners();
    const files = sourceFiles("src/modules").filter(
      (f) =>
        !f.endsWith(".migrations.ts") &&
        (f.endsWith(".repo.ts") || tablesNamed(fs.readFileSync(f, "utf8")).some((t) => owners.has(t))),
    );
    const fns = files.flatMap((f) => repoFunctions(f)).filter((r) => r.takesDatabase);
    expect(fns.length).toBeGreaterThan(100);
    const offenders = fns
      .filter((r) => (r.workspaceParams.length === 0 ? r.crossTenant === null : !r.workspaceParamsUsed))
      .map((r) => `${r.file}:${r.line} ${r.name}`);
    expect(offenders).toEqual([]);
    // The marker is for what is cross-tenant by nature (auth lookups, queue work, Meta's routing, operators); keep it rare.
    expect(fns.filter((r) => r.crossTenant !== null).length).toBeLessThan(fns.length / 2);
  });

  it("the repository check reads parameters, their use and the cross-tenant marker", () => {
    const text = `
      export async function good(db: AnyDb, workspaceId: WorkspaceId, id: string) { return q(db).where("workspace_id", "=", workspaceId); }
      export const arrow = (trx: Executor, ws: WorkspaceId) => q(trx).where("workspace_id", "=", ws);
      export async function unused(db: AnyDb, workspaceId: WorkspaceId, id: string) { return q(db).where("id", "=", id); }
      export async function byId(db: AnyDb, id: string) { return q(db).where("id", "=", id); }
      /** Claims due rows. */
      // cross-tenant: queue claim
      export async function claim(db: AnyDb) { return q(db); }
      export function helper(rows: string[]) { return rows.length; }
    `;
    const found = Object.fromEntries(repoFunctions("x.repo.ts", text).map((r) => [r.name, r]));
    expect(Object.keys(found)).toEqual(["good", "arrow", "unused", "byId", "claim", "helper"]);
    expect(found.good!.workspaceParamsUsed && found.arrow!.workspaceParamsUsed).toBe(true);
    expect(found.unused!.workspaceParamsUsed).toBe(false);
    expect(found.byId!.workspaceParams).toEqual([]);
    expect(found.byId!.crossTenant).toBeNull();
    expect(found.claim!.crossTenant).toBe("queue claim");
    expect(found.helper!.takesDatabase).toBe(false);
  });
});
