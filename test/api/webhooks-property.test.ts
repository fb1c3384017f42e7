import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

let w: StartedWharf;
const h = inboxHarness(() => w);
// The emulator's seeded WABA and first number (fixed ids, docs/emulator.md); B's are ones the emulator does not have.
const A = { wabaId: "102290129340398", metaPhoneNumberId: "106540352242922", workspaceId: "", apiKey: "" };
const B = { wabaId: "200000000000001", metaPhoneNumberId: "300000000000001" };
let bWorkspace: { id: string; apiKey: string };

beforeAll(async () => {
  w = await startWharf();
  const ids = await h.connect(w.demo.apiKey);
  expect(ids).toMatchObject({ wabaId: A.wabaId, metaPhoneNumberId: A.metaPhoneNumberId });
  Object.assign(A, { workspaceId: w.demo.workspaceId, apiKey: w.demo.apiKey });
  bWorkspace = (await h.api("POST", "/v1/workspaces", w.adminToken, { name: "Tenant B" })).body;
  await h.seedOtherTenant(bWorkspace.id, B);
}, 60_000);
afterAll(() => w?.close());

// ---- what Meta might send, then what a bug, a proxy or an attacker holding the secret might make of it ----
const wabaId = () => fc.constantFrom(A.wabaId, B.wabaId, "999999999999999");
const phoneNumberId = () => fc.constantFrom(A.metaPhoneNumberId, B.metaPhoneNumberId, "888888888888888");
const waId = fc.stringMatching(/^1555\d{7}$/);
const wamid = fc.stringMatching(/^wamid\.[A-Za-z0-9]{4,16}$/);
const ts = fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }).map(String);
const content = fc.oneof(
  fc.record({
    type: fc.constant("text"),
    text: fc.record({ body: fc.oneof(fc.string(), fc.constantFrom("STOP", "stop!", "Stop promotions")) }),
  }),
  fc.record({
    type: fc.constantFrom("image", "video", "audio", "document", "sticker"),
    image: fc.record({ id: fc.stringMatching(/^\d{6,16}$/), mime_type: fc.constant("image/jpeg") }),
  }),
  fc.record({
    type: fc.constant("reaction"),
    reaction: fc.record({ message_id: wamid, emoji: fc.constantFrom("👍", "") }),
  }),
  fc.record({
    type: fc.constant("location"),
    location: fc.record({ latitude: fc.double({ noNaN: true }), longitude: fc.double({ noNaN: true }) }),
  }),
  fc.record({
    type: fc.constant("interactive"),
    interactive: fc.record({
      type: fc.constant("button_reply"),
      button_reply: fc.record({ id: fc.string(), title: fc.string() }),
    }),
  }),
  fc.record({ type: fc.constant("button"), button: fc.record({ payload: fc.string(), text: fc.string() }) }),
  fc.record({
    type: fc.constant("unsupported"),
    errors: fc.constant([{ code: 131051, title: "Message type unknown" }]),
  }),
  fc.record({ type: fc.string({ maxLength: 12 }), whatever: fc.jsonValue({ maxDepth: 2 }) }),
);
const message = fc
  .tuple(fc.record({ from: waId, id: wamid, timestamp: ts }), content)
  .map(([base, c]) => ({ ...base, ...c }));
const status = fc.record({
  id: wamid,
  status: fc.constantFrom("sent", "delivered", "read", "failed", "played", "bogus"),
  timestamp: ts,
  recipient_id: waId,
});
const messagesChange = fc.record({
  field: fc.constant("messages"),
  value: fc.record(
    {
      messaging_product: fc.constant("whatsapp"),
      metadata: fc.record({ display_phone_number: fc.constant("15550783881"), phone_number_id: phoneNumberId() }),
      contacts: fc.array(fc.record({ profile: fc.record({ name: fc.string() }), wa_id: waId }), { maxLength: 2 }),
      messages: fc.array(message, { maxLength: 3 }),
      statuses: fc.array(status, { maxLength: 3 }),
    },
    { requiredKeys: ["messaging_product", "metadata"] },
  ),
});
const otherChange = fc.record({
  field: fc.constantFrom(
    "message_template_status_update",
    "phone_number_quality_update",
    "account_update",
    "user_preferences",
    "security",
  ),
  value: fc.jsonValue({ maxDepth: 3 }),
});
const payload = fc.record({
  object: fc.constant("whatsapp_business_account"),
  entry: fc.array(
    fc.record({
      id: wabaId(),
      changes: fc.array(fc.oneof({ weight: 4, arbitrary: messagesChange }, { weight: 1, arbitrary: otherChange }), {
        maxLength: 4,
      }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom("delete", "replace", "swap-ids"),
  value: fc.jsonValue({ maxDepth: 2 }),
});

/** Every [container, key] of a JSON value, to mutate one of them. */
function slots(v: Json, out: Array<[Json, string | number]> = []): Array<[Json, string | number]> {
  if (v && typeof v === "object")
    for (const k of Object.keys(v)) {
      out.push([v, Array.isArray(v) ? Number(k) : k]);
      slots(v[k], out);
    }
  return out;
}

function mutate(p: Json, ms: Array<{ at: number; op: string; value: unknown }>): Json {
  for (const m of ms) {
    const all = slots(p);
    if (all.length === 0) break;
    const [parent, key] = all[m.at % all.length]!;
    if (m.op === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.op === "replace") parent[key] = m.value;
    // A number id moved under another tenant's WABA (or the reverse): routing must need both to agree.
    else if (typeof parent[key] === "string")
      parent[key] = [A.metaPhoneNumberId, B.metaPhoneNumberId, A.wabaId, B.wabaId][m.at % 4];
  }
  return p;
}

const body = fc.oneof(
  { weight: 3, arbitrary: payload.map((p) => JSON.stringify(p)) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(payload, fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([p, ms]) => JSON.stringify(mutate(p, ms))),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(payload, fc.nat(), fc.string({ minLength: 1, maxLength: 3 })).map(([p, at, s]) => {
      const j = JSON.stringify(p);
      const i = at % j.length;
      return j.slice(0, i) + s + j.slice(i + 1);
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
);

/** What may legitimately reach a workspace: inbound messages whose WABA and number are both that workspace's. */
function allowedTriples(raw: string, into: Map<string, Set<string>>): void {
  let p: Json;
  try {
    p = JSON.parse(raw);
  } catch {
    return;
  }
  if (p?.object !== "whatsapp_business_account" || !Array.isArray(p.entry)) return;
  const tenants: Record<string, { wabaId: string; metaPhoneNumberId: string }> = {
    [A.workspaceId]: A,
    [bWorkspace.id]: B,
  };
  for (const e of p.entry)
    for (const c of Array.isArray(e?.changes) ? e.changes : [])
      for (const m of Array.isArray(c?.value?.messages) ? c.value.messages : []) {
        for (const [ws, t] of Object.entries(tenants)) {
          if (
            c?.field === "messages" &&
            e.id === t.wabaId &&
            c.value?.metadata?.phone_number_id === t.metaPhoneNumberId &&
            typeof m?.id === "string" &&
            typeof m?.from === "string"
          )
            into.get(ws)!.add(`${m.from}|${m.id}`);
        }
      }
}

describe("random and mutated payloads with valid signatures (acceptance 2)", () => {
  it("never a 5xx, never a crash, nothing from one workspace visible in another", async () => {
    const allowed = new Map([
      [A.workspaceId, new Set<string>()],
      [bWorkspace.id, new Set<string>()],
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 6 }), async (bodies) => {
        for (const b of bodies) allowedTriples(b, allowed);
        const answers = await Promise.all(bodies.map((b) => h.postSigned(b)));
        expect(answers.every((s) => s === 200)).toBe(true);
      }),
      { numRuns: 60 },
    );
    await h.settle();
    expect((await fetch(`${w.url}/healthz`)).status).toBe(200);
    const db = w.wharf.database.db;
    // Every stored event was processed in one go: no crash, no retry, nothing stuck.
    const states = await sql<{ state: string; attempts: number }>`select state, attempts from webhook_events`.execute(
      db,
    );
    expect(states.rows.length).toBeGreaterThan(60);
    expect(states.rows.filter((r) => !["done", "invalid"].includes(r.state) || Number(r.attempts) !== 1)).toEqual([]);
    for (const [ws, ok] of allowed) {
      const stored = await sql<{
        wa_id: string;
        wamid: string;
      }>`select wa_id, wamid from messages where workspace_id = ${ws} and direction = 'inbound'`.execute(db);
      const foreign = stored.rows.filter((r) => !ok.has(`${r.wa_id}|${r.wamid}`));
      expect(foreign, `messages in ${ws} that were not addressed to it`).toEqual([]);
    }
    // Through the API too: B's key sees only B's conversations, and they are B's customers.
    const key = { [A.workspaceId]: A.apiKey, [bWorkspace.id]: bWorkspace.apiKey };
    for (const [ws, ok] of allowed) {
      const customers = new Set([...ok].map((t) => t.split("|")[0]));
      const seen = (await h.api("GET", "/v1/conversations?limit=200", key[ws]!)).body.data.map(
        (c: Json) => c.contact.waId,
      );
      expect(seen.filter((id: string) => !customers.has(id))).toEqual([]);
    }
    expect(allowed.get(A.workspaceId)!.size + allowed.get(bWorkspace.id)!.size).toBeGreaterThan(0);
  }, 120_000);
});
