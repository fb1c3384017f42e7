import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { createWharf, type Wharf } from "../../../src/main.js";
import { createLogger } from "../../../src/platform/observability/index.js";
import { addMember } from "../../support/team.js";
import { describeEachDialect } from "../../support/databases.js";
import { startWharf, type StartedWharf } from "../../support/wharf.js";

async function login(url: string, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as { error?: { code: string; requestId: string } },
  };
}

describeEachDialect("dashboard login throttling", (dialect) => {
  let w: StartedWharf;
  const logLines: string[] = [];
  beforeAll(async () => {
    w = await startWharf({ dialect, logLines });
  });
  afterAll(() => w?.close());

  it("refuses the 11th wrong password from an address with 429 and Retry-After, whatever X-Forwarded-For says, and the right one after it", async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof login>> | null = null;
    for (let i = 1; i <= 41; i++) {
      // Not behind a trusted proxy: a forged X-Forwarded-For must not buy a fresh budget.
      last = await login(w.url, w.demo.email, `wrong-password-${i}`, { "x-forwarded-for": `203.0.113.${i}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(new Set(statuses.slice(10))).toEqual(new Set([429]));
    expect(last!.body.error).toMatchObject({ code: "RATE_LIMITED", requestId: expect.stringMatching(/^req_/) });
    const retryAfter = Number(last!.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const right = await login(w.url, w.demo.email, w.demo.password);
    expect(right.status).toBe(429);

    const audit = logLines.filter((l) => l.includes('"audit":"login"'));
    expect(audit.length).toBeGreaterThanOrEqual(42);
    expect(audit.some((l) => l.includes('"outcome":"RATE_LIMITED"') && l.includes('"ip":"127.0.0.1"'))).toBe(true);
    expect(audit.some((l) => l.includes('"outcome":"INVALID_CREDENTIALS"'))).toBe(true);
    for (const line of logLines) {
      expect(line).not.toContain("wrong-password-");
      expect(line).not.toContain(w.demo.password);
    }
    expect(audit.join("\n")).not.toContain(w.demo.email);
  });
});

describeEachDialect("dashboard login throttling behind a trusted proxy", (dialect) => {
  let w: StartedWharf;
  beforeAll(async () => {
    // Each test logs in from its own forwarded address, so the per-address limit stays out of the way.
    w = await startWharf({ dialect, env: { WHARF_TRUST_PROXY: "true" } });
  });
  afterAll(() => w?.close());

  it("counts attempts in the database: a second server on the same database sees the first one's", async () => {
    if (dialect !== "postgres") return;
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(w.wharf.database.db)).rows[0]!.s;
    const other: Wharf = await createWharf(
      { ...w.wharf.config, server: { ...w.wharf.config.server, port: 0 } },
      { roles: { api: true, worker: false }, databaseSchema: schema, logger: createLogger({ level: "silent" }) },
    );
    try {
      const otherUrl = (await other.start())!;
      const from = { "x-forwarded-for": "198.51.100.20" };
      const email = "throttle-shared@example.com";
      await addMember(w.url, w.demo.apiKey, { email, role: "agent", password: "correct horse battery" });
      for (let i = 0; i < 5; i++) expect((await login(w.url, email, "nope-nope", from)).status).toBe(401);
      for (let i = 0; i < 5; i++) expect((await login(otherUrl, email, "nope-nope", from)).status).toBe(401);
      expect((await login(otherUrl, email, "nope-nope", from)).status).toBe(429);
      expect((await login(w.url, email, "correct horse battery", from)).status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it("a right password resets the account's count", async () => {
    const from = { "x-forwarded-for": "198.51.100.21" };
    const email = `reset-${dialect}@example.com`;
    await addMember(w.url, w.demo.apiKey, { email, role: "agent", password: "correct horse battery" });
    for (let i = 0; i < 9; i++) expect((await login(w.url, email, "nope-nope", from)).status).toBe(401);
    expect((await login(w.url, email, "correct horse battery", from)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await login(w.url, email, "nope-nope", from)).status).toBe(401);
    expect((await login(w.url, email, "nope-nope", from)).status).toBe(429);
  });
});
