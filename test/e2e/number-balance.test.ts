import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, connectOwnWaba } from "../support/connect.js";
import { testDialects } from "../support/databases.js";
import { createDedicatedDatabase, queryPg, settledDeadlocks } from "../support/pg-database.js";
import { freePort, processAttempts, spawnWharf } from "../support/processes.js";

const CUSTOMERS = 20;
const PER_CUSTOMER = 10;
const attempt = processAttempts("wharf-balance-");
const procs = attempt.procs;
afterAll(() => attempt.end());

const run = testDialects.includes("postgres") ? describe : describe.skip;

// Issue 13, item 6: numbers were taken first come, first served, and a worker killed with kill -9
// left its numbers idle for the 30 s lease. `wharf serve` (with the emulator) and two `wharf
// worker` processes on one PostgreSQL database, four numbers with messages queued on each.
run("numbers are balanced across workers and move within seconds of a kill -9 [postgres]", () => {
  it("2 workers own 2 numbers each; a killed worker's numbers move; nothing lost, no 130429", async () => {
    const dataDir = await attempt.begin();
    const pgdb = await createDedicatedDatabase();
    attempt.onEnd(() => pgdb.drop());
    const port = await freePort();
    const env = {
      PORT: String(port),
      WHARF_DATA_DIR: dataDir,
      DATABASE_URL: pgdb.url,
      WHARF_JOBS_POLL_MS: "50",
    };
    const serve = spawnWharf("serve", env);
    procs.push(serve);
    await serve.waitFor(/Dashboard:\s+(\S+)/, 60_000);
    const url = `http://localhost:${port}`;
    const seed = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as {
      adminToken: string;
      demo: { apiKey: string };
    };
    // One worker while the numbers are set up and the customers' messages processed; it is stopped
    // before anything is queued, so the two workers under test start together on a full outbox.
    const setup = spawnWharf("worker", env);
    procs.push(setup);
    await setup.waitFor(/is running/, 60_000);

    // Four numbers: the demo workspace's two, and one each in two more workspaces (a WABA, and so
    // its numbers, belongs to one workspace).
    const senders: Array<{ apiKey: string; id: string; metaPhoneNumberId: string }> = [];
    const demo = await connectAndActivate(url, seed.demo.apiKey);
    senders.push({ apiKey: seed.demo.apiKey, ...demo.verified }, { apiKey: seed.demo.apiKey, ...demo.unverified });
    for (const name of ["Second", "Third"]) {
      const created = await apiClient(url, seed.adminToken).call("POST", "/v1/workspaces", { name });
      expect(created.status).toBe(201);
      const own = await connectOwnWaba(url, created.body.apiKey, `${name} business`);
      senders.push({ apiKey: created.body.apiKey, ...own.phoneNumber });
    }
    const api = apiClient(url, seed.demo.apiKey);
    // 20 messages a second per number, so the queue lasts while the workers are watched: 200
    // messages take each number 10 s. Meta reports throughput as a level (80 or 1,000 msg/s), so
    // the emulator enforces 20 and our copy of the number is told directly.
    for (const s of senders)
      await api.emulator("PATCH", `/phone-numbers/${s.metaPhoneNumberId}`, { throughputMps: 20 });
    await queryPg(pgdb.url, "update phone_numbers set throughput_mps = 20");

    // Customers write first, so replies are inside their 24-hour windows.
    const customer = (n: number, c: number) => `1777${n}${String(c).padStart(5, "0")}`;
    for (const [n, s] of senders.entries())
      for (let c = 0; c < CUSTOMERS; c++)
        await api.emulator("POST", "/inbound", {
          phoneNumberId: s.metaPhoneNumberId,
          from: customer(n, c),
          text: "hi",
        });
    const queued: string[] = [];
    for (const [n, s] of senders.entries()) {
      const client = apiClient(url, s.apiKey);
      await eventually(
        async () => (await client.call("GET", "/v1/conversations?limit=100")).body.data?.length >= CUSTOMERS,
        30_000,
        `number ${n}'s inbound messages processed`,
      );
    }
    await setup.kill("SIGTERM");
    const sends = senders.flatMap((s, n) =>
      Array.from({ length: CUSTOMERS * PER_CUSTOMER }, (_, i) => ({
        s,
        body: `n${n} m${i}`,
        to: `+${customer(n, i % CUSTOMERS)}`,
      })),
    );
    for (let i = 0; i < sends.length; i += 50) {
      await Promise.all(
        sends.slice(i, i + 50).map(async ({ s, body, to }) => {
          const r = await apiClient(url, s.apiKey).call("POST", "/v1/messages", {
            from: s.id,
            to,
            type: "text",
            text: { body },
          });
          expect(r.status, JSON.stringify(r.body)).toBe(202);
          queued.push(body);
        }),
      );
    }

    const accepted = async () =>
      (await api.emulator("GET", "/messages")).data as Array<{
        phoneNumberId: string;
        body: { text: { body: string } };
      }>;
    const leases = async () =>
      (
        await queryPg<{ owner: string; n: string }>(
          pgdb.url,
          "select owner, count(*) as n from dispatch_leases where lease_until >= $1 group by owner order by owner",
          [Date.now()],
        )
      ).map((r) => ({ pid: Number(r.owner.split(":")[1]), n: Number(r.n) }));
    const deadlocksBefore = await pgdb.deadlocks();
    const workers = [spawnWharf("worker", env), spawnWharf("worker", env)];
    procs.push(...workers);
    await Promise.all(workers.map((w) => w.waitFor(/is running/, 60_000)));
    const startedAt = Date.now();
    const balanced = await eventually(
      async () => {
        const l = await leases();
        return l.length === 2 && l.every((x) => x.n === 2) ? l : null;
      },
      30_000,
      "two numbers per worker",
    );
    const balanceMs = Date.now() - startedAt;
    expect(balanced.map((l) => l.pid).sort()).toEqual(workers.map((w) => w.proc.pid).sort());

    await eventually(async () => (await accepted()).length > 100, 30_000, "sending under way");
    const victim = workers[0]!;
    const killedAt = Date.now();
    await victim.kill("SIGKILL");
    const moved = await eventually(
      async () => {
        const l = await leases();
        return l.length === 1 && l[0]!.pid === workers[1]!.proc.pid && l[0]!.n === 4 ? Date.now() : null;
      },
      30_000,
      "the killed worker's numbers taken over",
    );
    const moveMs = moved - killedAt;

    await eventually(
      async () => new Set((await accepted()).map((m) => m.body.text.body)).size === queued.length,
      120_000,
      "every message accepted by Meta",
    );
    const all = await accepted();
    const duplicates = all.length - new Set(all.map((m) => m.body.text.body)).size;
    const refusals = (await api.emulator("GET", "/state")).counts.refusals as Record<string, number>;
    await Promise.all(procs.map((p) => p.kill("SIGTERM")));
    const deadlocks = (await settledDeadlocks(pgdb)) - deadlocksBefore;
    console.log(
      `number balance: ${queued.length} messages on 4 numbers, 2 + 2 after ${balanceMs} ms, numbers moved ${moveMs} ms after kill -9, ${duplicates} duplicates, refusals ${JSON.stringify(refusals)}, ${deadlocks} deadlocks`,
    );
    // The lease is 5 s, renewed every 1.5 s, and taken a second after it ended: a dead worker's numbers move within about 6 s.
    expect(moveMs).toBeLessThan(10_000);
    // At most one claimed batch per number was in flight when the worker died: at 20 msg/s, a
    // batch is at most 20 messages (its number's free slots), on two numbers.
    expect(duplicates).toBeLessThanOrEqual(40);
    expect(refusals["130429"] ?? 0).toBe(0);
    expect(deadlocks).toBe(0);
  }, 300_000);
});
