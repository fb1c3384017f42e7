import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate } from "../support/connect.js";
import { testDatabaseUrl } from "../../src/config/index.js";
import { createDedicatedDatabase } from "../support/pg-database.js";
import { freePort, processAttempts, spawnWharf } from "../support/processes.js";
import { openDatabase } from "../../src/platform/db/index.js";
import { systemClock } from "../../src/platform/clock.js";
import { createJobs } from "../../src/platform/jobs/index.js";
import { createEventBus } from "../../src/platform/events.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";
import { automationDefinition } from "../../src/modules/automations/index.js";
import { insertAutomation } from "../../src/modules/automations/automations.repo.js";
import { enterJourney } from "../../src/modules/journeys/enter-journey.js";
import { insertJourney } from "../../src/modules/journeys/journeys.repo.js";
import { planVersion } from "../../src/modules/journeys/plan.js";
import { scheduleStep, type JourneyDeps } from "../../src/modules/journeys/runtime.js";

const WAITING = 10_000;
const SENDING = 1_000;

/**
 * Issue 18, runtime acceptance 3: `wharf serve` (with the emulator) and `wharf worker` as separate
 * processes on PostgreSQL; the worker is killed with SIGKILL while 10,000 journeys wait on a timer
 * and 1,000 are sending. After a restart every due step ran exactly once: the emulator holds one
 * message per sending journey, none twice (the dispatcher's sends in doubt, settled by Meta's
 * status webhooks), and the waiting journeys still wait, each with its job.
 */
describe.skipIf(!testDatabaseUrl())("journeys survive a killed worker [postgres]", () => {
  const attempt = processAttempts("wharf-journeys-crash-");
  const procs = attempt.procs;
  afterAll(() => attempt.end());

  it("each due step runs exactly once, and no waiting journey is lost", async () => {
    const dataDir = await attempt.begin();
    const pgdb = await createDedicatedDatabase();
    attempt.onEnd(() => pgdb.drop());
    const port = await freePort();
    const env = {
      DATABASE_URL: pgdb.url,
      PORT: String(port),
      WHARF_DATA_DIR: dataDir,
      WHARF_JOBS_POLL_MS: "50",
      WHARF_JOBS_LEASE_MS: "3000",
      WHARF_DB_POOL_SIZE: "4",
      // The worker reaches the emulator mounted in serve (the sandbox's Meta) at this URL.
      WHARF_PUBLIC_URL: `http://localhost:${port}`,
    };
    const serve = spawnWharf("serve", env);
    procs.push(serve);
    await serve.waitFor(/Dashboard:\s+(\S+)/, 240_000);
    const url = `http://localhost:${port}`;
    const seed = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as {
      demo: { apiKey: string; workspaceId: string };
    };
    const api = apiClient(url, seed.demo.apiKey);
    let worker = spawnWharf("worker", env);
    procs.push(worker);
    await worker.waitFor(/is running/, 240_000);
    const numbers = await connectAndActivate(url, seed.demo.apiKey);
    // A fast number and a big tier, so 1,000 sends take seconds and Meta's limit is not what is tested.
    for (const n of [numbers.verified, numbers.unverified])
      await api.emulator("PATCH", `/phone-numbers/${n.metaPhoneNumberId}`, { throughputMps: 1000 });
    const businessId = (await api.emulator("GET", "/state")).businesses[0].id as string;
    await api.emulator("PATCH", `/businesses/${businessId}`, { messagingLimit: "TIER_100K" });
    await api.call("POST", "/v1/phone-numbers/sync");
    const created = await api.call("POST", "/v1/templates", {
      name: "crash_note",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hello {{1}}.", example: { body_text: [["x"]] } }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const tpl = (await api.emulator("GET", "/state")).templates.find((t: { name: string }) => t.name === "crash_note");
    await api.emulator("POST", `/templates/${tpl.id}/review`, { status: "APPROVED" });
    await eventually(
      async () =>
        (await api.call("GET", "/v1/templates")).body.data.some(
          (t: { name: string; status: string }) => t.name === "crash_note" && t.status === "APPROVED",
        ),
      30_000,
      "approved",
    );

    // The journeys are entered the way the runtime enters them, from this process, on the same database.
    const database = openDatabase({ url: pgdb.url, dataDir, poolSize: 4 });
    attempt.onEnd(() => database.close());
    const db = database.db;
    const ws = asWorkspaceId(seed.demo.workspaceId);
    const events = createEventBus();
    const jobs = createJobs({ db, dialect: "postgres", clock: systemClock });
    const deps: JourneyDeps = {
      db,
      clock: systemClock,
      events,
      jobs: jobs.queue,
      send: () => Promise.reject(new Error("this process does not send")),
    };
    const send = {
      id: "note",
      kind: "send_template",
      template: { name: "crash_note", language: "en_US", body: [{ path: "contact.waId" }] },
    };
    const automation = async (id: string, steps: unknown[]) => {
      const definition = automationDefinition.parse({ trigger: { kind: "api" }, steps });
      await db.transaction().execute((trx) =>
        insertAutomation(
          trx,
          ws,
          {
            id,
            name: id,
            description: null,
            status: "enabled",
            version: 1,
            trigger_kind: "api",
            trigger_match: null,
            recipe: null,
            enabled_at: Date.now(),
            created_at: Date.now(),
            updated_at: Date.now(),
          },
          definition,
        ),
      );
      return (await planVersion(db, ws, id, 1))!;
    };
    const waiting = await automation("aut_crashwaiting", [{ id: "day", kind: "wait", seconds: 86_400 }, send]);
    const sending = await automation("aut_crashsending", [send]);
    const enter = async (plan: typeof waiting, waId: string) =>
      enterJourney(deps, ws, plan, {
        waId,
        contactId: null,
        key: `api:${waId}`,
        keyValue: null,
        triggerId: `api:${waId}`,
        event: {},
      });
    const inParallel = async (n: number, f: (i: number) => Promise<unknown>) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < n) await f(next++);
        }),
      );
    };
    // The waiting journeys as the runtime leaves them after their first step (a wait of a day): the
    // journey at its send step and that step's job due tomorrow (written directly: 10,000 wait steps
    // run by a worker on a loaded machine would take minutes and test nothing more).
    const tomorrow = Date.now() + 86_400_000;
    for (let start = 0; start < WAITING; start += 1000)
      await db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(WAITING, start + 1000); i++) {
          const id = `jrn_crash${String(i).padStart(8, "0")}`;
          const now = Date.now();
          await insertJourney(trx, ws, {
            id,
            automation_id: waiting.automationId,
            version: 1,
            contact_id: null,
            wa_id: `1777${String(i).padStart(7, "0")}`,
            trigger_key: `api:${id}`,
            entry_key: `api:${id}`,
            trigger_event_id: `api:${id}`,
            phone_number_id: numbers.verified.id,
            status: "active",
            exit_reason: null,
            cursor: 1,
            step_index: 1,
            due_at: tomorrow,
            waiting_for: null,
            waiting_message_id: null,
            conversation_id: null,
            context: "{}",
            entered_at: now,
            updated_at: now,
            ended_at: null,
          });
          await scheduleStep(trx, deps, ws, id, 1, tomorrow);
        }
      });
    const count = async (query: string) => Number((await sql.raw<{ n: string }>(query).execute(db)).rows[0]!.n);

    const recipients = Array.from({ length: SENDING }, (_, i) => `1888${String(i).padStart(7, "0")}`);
    await inParallel(SENDING, (i) => enter(sending, recipients[i]!));
    const accepted = async () => {
      const all: Array<{ waId: string }> = [];
      for (const n of [numbers.verified, numbers.unverified])
        all.push(
          ...((await api.emulator("GET", `/messages?phoneNumberId=${n.metaPhoneNumberId}`)).data as Array<{
            waId: string;
          }>),
        );
      return all.filter((m) => m.waId.startsWith("1888"));
    };
    await eventually(async () => (await accepted()).length >= 100, 300_000, "sending under way");
    // Meta answers slowly from now on, so the worker dies with sends in flight: requests Meta has
    // (and accepts after the client is gone, as Meta does) whose answers are never recorded.
    const slow = await api.emulator("POST", "/faults", { method: "POST", path: "/**/messages", latencyMs: 3_000 });
    const inflight = () => count(`select count(*) as n from outbox where state = 'inflight'`);
    // The kill waits for a send begun after the fault: its row stays in flight for Meta's 3 s. A row
    // merely seen in flight may be one sent before the fault, answered by the time the kill lands.
    const slowed = async () =>
      ((await api.emulator("GET", "/faults")).data as Array<{ id: number; hits: number }>).some(
        (f) => f.id === slow.id && f.hits > 0,
      );
    await eventually(async () => (await slowed()) && (await inflight()) > 0, 60_000, "a slowed send in flight");
    await worker.kill("SIGKILL");
    const inflightAtKill = await inflight();
    await api.emulator("DELETE", "/faults");
    const atKill = (await accepted()).length;

    worker = spawnWharf("worker", env);
    procs.push(worker);
    await worker.waitFor(/is running/, 240_000);
    await eventually(
      async () =>
        (await count(
          `select count(*) as n from journeys where automation_id = 'aut_crashsending' and status = 'completed'`,
        )) === SENDING,
      480_000,
      "every sending journey completed",
    );
    await eventually(async () => (await accepted()).length >= SENDING, 120_000, "every message at Meta");
    const all = await accepted();
    const distinct = new Set(all.map((m) => m.waId));
    const inDoubt = [...worker.output().matchAll(/"inDoubt":(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    console.log(
      `journeys crash test: ${SENDING} sending, ${atKill} at Meta when the worker was killed, ${inflightAtKill} in flight, ${inDoubt} put in doubt, ${distinct.size} reached, ${all.length - distinct.size} duplicates; ${WAITING} waiting`,
    );
    // The runtime's part is exact: one message row per journey step run (the key journey:<id>:<seq>),
    // and each step run records that one. No customer was lost at Meta.
    expect(await count(`select count(*) as n from messages where idempotency_key like 'journey:%'`)).toBe(SENDING);
    expect(await count(`select count(distinct wa_id) as n from messages where idempotency_key like 'journey:%'`)).toBe(
      SENDING,
    );
    expect(
      await count(
        `select count(*) as n from journey_steps where automation_id = 'aut_crashsending' and outcome = 'sent'`,
      ),
    ).toBe(SENDING);
    expect(distinct.size).toBe(SENDING);
    // Nothing twice at Meta either: what the killed worker had handed to Meta without recording the
    // answer waited in doubt for Meta's status webhook (which echoes the message id) instead of being
    // sent again by the next worker (dispatch/dispatcher.ts, `markInDoubt`).
    expect(inflightAtKill).toBeGreaterThan(0);
    expect(all.length - distinct.size).toBe(0);
    expect(all.length).toBe(SENDING);
    // The waiting ones lost nothing: each still waits, with exactly one timer job, and sent nothing.
    expect(
      await count(
        `select count(*) as n from journeys where automation_id = 'aut_crashwaiting' and status = 'active' and cursor = 1`,
      ),
    ).toBe(WAITING);
    expect(
      await count(
        `select count(*) as n from jobs where name = 'journeys.step' and status = 'queued' and run_at > ${Date.now()}`,
      ),
    ).toBe(WAITING);
    expect((await api.emulator("GET", `/state`)).counts).toBeDefined();
  }, 900_000);
});
