import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../src/config/index.js";
import { apiClient, eventually } from "../support/api-client.js";
import { connectCatalogToken, productBody, SEED_CATALOG_ID } from "../support/catalog.js";
import { connectAndActivate } from "../support/connect.js";
import type { Json } from "../support/json.js";
import { createDedicatedDatabase, type DedicatedDatabase } from "../support/pg-database.js";
import { freePort, spawnWharf, type WharfProcess } from "../support/processes.js";

// Acceptance (issue 16, 5): two `wharf worker` processes on one database never sync the same
// catalog at once, and every product reaches Meta exactly once per change. `wharf serve` (with
// the emulator, which records every items_batch call and when its end was reported) and two
// workers, on PostgreSQL and on one SQLite file. The job queue keeps one pending sync per
// workspace (its dedupe key), but a job whose holder stalls past its job lease goes to another
// worker while the first still runs it; that is what the catalog's own lease is for. The test
// makes that happen on purpose: while one worker syncs, more `catalog.sync` jobs for the same
// workspace are put in the jobs table (no dedupe key), with two job slots per worker so the
// other worker takes some. (Stopping a process with SIGSTOP instead would, on SQLite, freeze
// every process whenever the stopped one held the write lock.)
const PRODUCTS = 2000;
const CHANGED = 50;
const pgUrl = testDatabaseUrl();

interface Batch {
  handle: string;
  createdAt: number;
  finishedSeenAt: number | null;
  requestCount: number;
  retailerIds: string[];
}

for (const dialect of ["sqlite", "postgres"] as const)
  describe.skipIf(dialect === "postgres" && !pgUrl)(`two workers, one catalog [${dialect}]`, () => {
    const procs: WharfProcess[] = [];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-catalog-workers-"));
    let pgdb: DedicatedDatabase | undefined;
    let url: string;
    let apiKey: string;
    let workspaceId: string;
    const workers: Array<{ proc: WharfProcess; opsUrl: string }> = [];

    /** SQL on the test's own connection, apart from Wharf's processes. */
    async function query<T>(text: string, params: unknown[] = []): Promise<T[]> {
      if (pgdb) {
        const client = new pg.Client({ connectionString: pgdb.url });
        await client.connect();
        try {
          return (
            await client.query(
              text.replace(/\?/g, (_, i: number) => `$${text.slice(0, i).split("?").length}`),
              params,
            )
          ).rows as T[];
        } finally {
          await client.end();
        }
      }
      const db = new Database(path.join(dataDir, "wharf.db"), { fileMustExist: true });
      try {
        db.pragma("busy_timeout = 10000");
        const stmt = db.prepare(text);
        return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
      } finally {
        db.close();
      }
    }
    const syncJobs = () =>
      query<{ status: string; lease_owner: string | null; dedupe_key: string | null }>(
        "select status, lease_owner, dedupe_key from jobs where name = 'catalog.sync'",
      );
    /** One more `catalog.sync` job for the workspace, due now, as a second worker would get it. */
    const injectSyncJob = (i: number) => {
      const now = Date.now();
      return query(
        "insert into jobs (id, name, payload, status, run_at, attempts, max_attempts, lease_owner, lease_until, last_error, dedupe_key, workspace_id, created_at, updated_at) values (?, 'catalog.sync', ?, 'queued', ?, 0, 8, null, null, null, null, ?, ?, ?)",
        [`job_catalog_race_${i}_${now}`, JSON.stringify({ workspaceId }), now, workspaceId, now, now],
      );
    };
    /** How often a worker's job runner ended a `catalog.sync` job with `outcome` (its /metrics). */
    async function jobCount(opsUrl: string, outcome: string): Promise<number> {
      const text = await (await fetch(`${opsUrl}/metrics`)).text();
      const line = text
        .split("\n")
        .find(
          (l) =>
            l.startsWith("wharf_jobs_total{") &&
            l.includes('name="catalog.sync"') &&
            l.includes(`outcome="${outcome}"`),
        );
      return line ? Number(line.split(" ").at(-1)) : 0;
    }

    beforeAll(async () => {
      if (dialect === "postgres") pgdb = await createDedicatedDatabase();
      const port = await freePort();
      url = `http://localhost:${port}`;
      const env: Record<string, string> = {
        WHARF_DATA_DIR: dataDir,
        WHARF_PUBLIC_URL: url,
        // Small batches polled often: a sync is many items_batch calls, each in flight a while.
        WHARF_CATALOG_BATCH_SIZE: "100",
        WHARF_CATALOG_POLL_MS: "100",
        WHARF_CATALOG_SYNC_DEBOUNCE_MS: "200",
        WHARF_JOBS_POLL_MS: "100",
        // One slot each: while one worker syncs, the jobs that arrive for the same catalog can only go to
        // the other (with two slots the holder could take them all on a loaded machine, and the other
        // worker would never meet the busy catalog).
        WHARF_JOBS_CONCURRENCY: "1",
        ...(pgdb ? { DATABASE_URL: pgdb.url, WHARF_DB_POOL_SIZE: "4" } : {}),
      };
      const serve = spawnWharf("serve", { ...env, PORT: String(port) });
      procs.push(serve);
      // Generous: three processes start on a 2-core machine that other test files share.
      await serve.waitFor(/Dashboard:\s+(\S+)/, 240_000);
      const spawned = [spawnWharf("worker", env), spawnWharf("worker", env)];
      procs.push(...spawned);
      for (const proc of spawned)
        workers.push({ proc, opsUrl: (await proc.waitFor(/Health, metrics: (\S+)\/healthz/, 240_000))[1]! });
      const seed = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as {
        demo: { apiKey: string; workspaceId: string };
      };
      apiKey = seed.demo.apiKey;
      workspaceId = seed.demo.workspaceId;
      await connectAndActivate(url, apiKey);
      await connectCatalogToken({ url }, apiKey);
    }, 600_000);

    afterAll(async () => {
      await Promise.all(procs.map((p) => p.kill("SIGKILL")));
      await pgdb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const batches = async (): Promise<Batch[]> => {
      const res = await fetch(`${url}/_meta/_emulator/catalogs/${SEED_CATALOG_ID}/batches?retailerIds=true`);
      return ((await res.json()) as { data: Batch[] }).data;
    };
    const catalog = async () => (await apiClient(url, apiKey).call("GET", "/v1/catalog")).body;
    const allSynced = () =>
      eventually(
        async () => {
          const c = await catalog();
          return c.products.synced === PRODUCTS && c.products.pending === 0 && c.products.syncing === 0 ? c : null;
        },
        240_000,
        `${PRODUCTS} products synced`,
      );

    it("a second worker given the same catalog's sync waits: items_batch calls never overlap, each product is sent once per change", async () => {
      const api = apiClient(url, apiKey);
      // Meta answers each batch status check after 300 ms: a sync of 20 batches lasts several seconds.
      const fault = await api.emulator("POST", "/faults", {
        method: "GET",
        path: "/v23.0/*/check_batch_request_status",
        latencyMs: 300,
      });
      expect(fault.error, JSON.stringify(fault)).toBeUndefined();
      const lines = Array.from({ length: PRODUCTS }, (_, i) =>
        JSON.stringify({ retailerId: `SKU-${String(i).padStart(5, "0")}`, ...productBody(i) }),
      );
      const res = await fetch(`${url}/v1/catalog/products/imports`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/x-ndjson" },
        body: lines.join("\n") + "\n",
      });
      expect(res.status).toBe(201);

      // The sync is under way in one worker (the job row names its process)...
      await eventually(async () => (await batches()).length >= 1, 120_000, "the first batch");
      const holder = await eventually(
        async () => (await syncJobs()).find((j) => j.status === "running" && j.dedupe_key !== null)?.lease_owner,
        60_000,
        "the running sync job",
      );
      const holderPid = Number(holder.split(":")[1]);
      const other = workers.find((w) => w.proc.proc.pid !== holderPid)!;
      expect(
        workers.find((w) => w.proc.proc.pid === holderPid),
        `holder ${holder} is one of the workers`,
      ).toBeDefined();
      expect((await catalog()).products.synced, "the sync was still going").toBeLessThan(PRODUCTS - 300);
      // ...and three more jobs for the same catalog arrive: the other worker, the only one free, takes them.
      const deferredBefore = await jobCount(other.opsUrl, "deferred");
      for (let i = 0; i < 3; i++) await injectSyncJob(i);
      await eventually(
        async () => (await jobCount(other.opsUrl, "deferred")) > deferredBefore,
        120_000,
        "the other worker was told the catalog is busy",
      );
      await allSynced();
      await api.emulator("DELETE", "/faults");

      // Round two: 50 products change while both workers run, and the sync is asked for again and again.
      for (let i = 0; i < CHANGED; i++) {
        const changed = await api.call(
          "PUT",
          `/v1/catalog/products/SKU-${String(i * 7).padStart(5, "0")}`,
          productBody(i * 7, { price: 99_999 }),
        );
        expect(changed.status, JSON.stringify(changed.body)).toBe(200);
        if (i % 10 === 0) expect((await api.call("POST", "/v1/catalog/sync")).status).toBe(202);
      }
      await eventually(
        async () => (await batches()).reduce((n, b) => n + b.requestCount, 0) >= PRODUCTS + CHANGED,
        240_000,
        "the changes sent",
      );
      await allSynced();
      // Quiet for a while: nothing else is sent (no second sync of what is already at Meta).
      const settled = (await batches()).length;
      await eventually(async () => (await syncJobs()).length === 0, 60_000, "no sync job left");
      const all = await batches();
      expect(all.length).toBe(settled);

      // In the emulator: no two batches of the catalog were in flight at the same time.
      all.sort((x, y) => x.createdAt - y.createdAt);
      for (const b of all) expect(b.finishedSeenAt, `batch ${b.handle} was polled to its end`).not.toBeNull();
      for (let i = 1; i < all.length; i++)
        expect(
          all[i]!.createdAt,
          `batch ${i} was sent at ${all[i]!.createdAt}, before batch ${i - 1} (finished ${all[i - 1]!.finishedSeenAt}) was done`,
        ).toBeGreaterThanOrEqual(all[i - 1]!.finishedSeenAt!);
      // Every product exactly once for the import, the changed ones once more.
      const sent = new Map<string, number>();
      for (const b of all) for (const id of b.retailerIds) sent.set(id, (sent.get(id) ?? 0) + 1);
      expect(sent.size).toBe(PRODUCTS);
      const changedIds = new Set(Array.from({ length: CHANGED }, (_, i) => `SKU-${String(i * 7).padStart(5, "0")}`));
      const wrong = [...sent].filter(([id, n]) => n !== (changedIds.has(id) ? 2 : 1));
      expect(wrong, "products sent other than once per change").toEqual([]);
      const meta = (await (await fetch(`${url}/_meta/_emulator/state`)).json()) as Json;
      expect(meta.catalogs.find((c: Json) => c.id === SEED_CATALOG_ID).productCount).toBe(PRODUCTS);
      console.log(
        `catalog workers [${dialect}]: ${all.length} items_batch calls, ${PRODUCTS + CHANGED} items, none overlapping; catalog.sync deferred by worker: ${JSON.stringify(await Promise.all(workers.map((w) => jobCount(w.opsUrl, "deferred"))))}`,
      );
    }, 900_000);
  });
