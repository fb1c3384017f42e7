import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { apiClient, eventually } from "../support/api-client.js";
import { inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

const ROWS = 10_000;
const phoneOf = (i: number) => `+1555${String(3_000_000 + i)}`;

/**
 * A 10,000-row CSV with quoted commas, a quoted line break (so later records start one line
 * further down), and bad rows of five kinds, each with the exact error it must produce.
 */
function bigCsv(): { text: string; errors: Array<{ line: number; message: string }>; bad: number } {
  const lines = ["phone,name,email,tags,consent,plan,orders"];
  const errors: Array<{ line: number; message: string }> = [];
  let line = 2;
  for (let i = 0; i < ROWS; i++) {
    let row = `${phoneOf(i)},"Lima, Ana ${i}",a${i}@shop.test,"vip;list ${i % 3}",${i % 10 === 0 ? "opted_in" : ""},${i % 2 ? "gold" : "silver"},${i}`;
    if (i === 100) row = `${phoneOf(i)},"Multi\nLine ""quoted"" name",a${i}@shop.test,,,,${i}`;
    if (i % 1000 === 500) {
      row = `12,"Lima, Ana ${i}",,,,,`;
      errors.push({ line, message: `Line ${line}: "12" is not a phone number in E.164 (+15551234567).` });
    }
    if (i === 7777) {
      row = `${phoneOf(i)},Bad Mail,not-an-email,,,,`;
      errors.push({ line, message: `Line ${line}: "not-an-email" is not an email address.` });
    }
    if (i === 4242) {
      row = `${phoneOf(i)},Many,,,,gold,many`;
      errors.push({ line, message: `Line ${line}: Attribute "orders" is a number: "many" is not a number.` });
    }
    if (i === 9000) {
      row = `${phoneOf(i)},a,b,c,d,e,f,g`;
      errors.push({ line, message: `Line ${line}: 8 fields, but the header has 7.` });
    }
    if (i === 9501) {
      row = `${phoneOf(i)},"Closed" late,,,,,`;
      errors.push({
        line,
        message: `Line ${line}: a quoted field must end at a comma or the end of the line; write a quote inside one as "".`,
      });
    }
    lines.push(row);
    line += row.split("\n").length;
  }
  return { text: `${lines.join("\r\n")}\r\n`, errors, bad: errors.length };
}

describeEachDialect("contacts: imports", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>["call"];
  const h = inboxHarness(() => w);
  let ids: Awaited<ReturnType<typeof h.connect>>;

  const upload = async (body: string, type = "text/csv", query = "", key = w.demo.apiKey) => {
    const res = await fetch(`${w.url}/v1/contacts/imports${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": type },
      body,
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey).call;
    ids = await h.connect(w.demo.apiKey);
  }, 60_000);
  afterAll(() => w?.close());

  it("previews the first rows of a CSV without importing anything", async () => {
    const res = await upload(bigCsv().text, "text/csv", "?preview=true");
    expect(res.status).toBe(200);
    expect(res.body.columns).toEqual([
      { header: "phone", field: "phone" },
      { header: "name", field: "name" },
      { header: "email", field: "email" },
      { header: "tags", field: "tags" },
      { header: "consent", field: "consent" },
      { header: "plan", field: "attribute", attribute: "plan", type: null },
      { header: "orders", field: "attribute", attribute: "orders", type: null },
    ]);
    expect(res.body.rows).toHaveLength(20);
    expect(res.body.rows[1]).toMatchObject({
      line: 3,
      contact: { waId: "15553000001", name: "Lima, Ana 1", tags: ["vip", "list 1"], attributes: { plan: "gold" } },
    });
    expect((await api("GET", "/v1/contacts?limit=1")).body.data).toEqual([]);
  });

  it("imports 10,000 rows with quoted commas and reports each bad row with its line, then again idempotently", async () => {
    const csv = bigCsv();
    const res = await upload(csv.text);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^imp_/),
      status: "completed",
      counts: { rows: ROWS, created: ROWS - csv.bad, updated: 0, failed: csv.bad },
      error: null,
    });
    expect(res.body.errors).toEqual(csv.errors);
    expect((await api("GET", `/v1/contacts/imports/${res.body.id}`)).body).toEqual(res.body);
    if (dialect === "postgres") {
      // The import analyzed the table as its rows doubled (2,000, 4,000, 8,000): PostgreSQL plans
      // on a row count near the real one, not on "never analyzed" (autovacuum is off here).
      const stats = await sql<{
        reltuples: number;
      }>`select reltuples from pg_class where oid = to_regclass('contacts')`.execute(w.wharf.database.db);
      expect(Number(stats.rows[0]!.reltuples)).toBeGreaterThanOrEqual(7_000);
    }

    const c = (await api("GET", `/v1/contacts/${encodeURIComponent(phoneOf(5))}`)).body;
    expect(c).toMatchObject({
      name: "Lima, Ana 5",
      email: "a5@shop.test",
      tags: ["list 2", "vip"],
      attributes: { plan: "gold", orders: 5 },
      consent: { marketing: "unknown" },
    });
    expect((await api("GET", `/v1/contacts/${phoneOf(100).slice(1)}`)).body.name).toBe('Multi\nLine "quoted" name');
    expect((await api("GET", `/v1/contacts/${phoneOf(20).slice(1)}`)).body.consent).toMatchObject({
      marketing: "opted_in",
      source: "import",
      proof: `import ${res.body.id}, line 22`,
    });
    expect((await api("GET", "/v1/contacts/attributes")).body.data).toEqual([
      { name: "orders", type: "number" },
      { name: "plan", type: "text" },
    ]);
    // Search and filters over what was imported.
    expect((await api("GET", "/v1/contacts?q=lima,%20ana%209999")).body.data.map((x: Json) => x.name)).toEqual([
      "Lima, Ana 9999",
    ]);
    const filter = encodeURIComponent(
      JSON.stringify({ tags: ["list 0"], attributes: [{ name: "orders", op: "lt", value: 10 }] }),
    );
    expect(
      (await api("GET", `/v1/contacts?filter=${filter}&consent=opted_in`)).body.data.map((x: Json) => x.name),
    ).toEqual(["Lima, Ana 0"]);

    const again = await upload(csv.text);
    expect(again.body.counts).toEqual({ rows: ROWS, created: 0, updated: ROWS - csv.bad, failed: csv.bad });
    const count = await w.wharf.database.db
      .selectFrom("contacts" as never)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(ROWS - csv.bad);
  }, 240_000);

  it("keeps the consent history across import, STOP and re-import: the customer stays opted out", async () => {
    const file = "phone,consent,consent_proof\n+15550409001,yes,signed the paper form\n";
    expect((await upload(file)).body.counts).toMatchObject({ created: 1 });
    await h.emulator("/inbound", { phoneNumberId: ids.metaPhoneNumberId, from: "15550409001", text: "STOP" });
    await eventually(
      async () => (await api("GET", "/v1/contacts/15550409001")).body.consent?.marketing === "opted_out",
    );
    await new Promise((r) => setTimeout(r, 1_100)); // past the STOP's second: the re-import is the later statement
    expect((await upload(file)).body.counts).toMatchObject({ updated: 1, failed: 0 });
    const contact = (await api("GET", "/v1/contacts/+15550409001")).body;
    expect(contact.consent).toMatchObject({ marketing: "opted_out", source: "inbound_stop" });
    const history = (await api("GET", "/v1/contacts/+15550409001/consent-history")).body.data;
    expect(history.map((e: Json) => [e.marketing, e.source, e.applied, e.proof])).toEqual([
      ["opted_in", "import", true, "signed the paper form"],
      ["opted_out", "inbound_stop", true, null],
      ["opted_in", "import", false, "signed the paper form"],
    ]);
    // An explicit opt-in through the API (a manager's decision, with proof) still can.
    const patched = await api("PATCH", "/v1/contacts/+15550409001", {
      consent: { marketing: "opted_in", proof: "called us" },
    });
    expect(patched.body.consent).toMatchObject({ marketing: "opted_in", source: "api" });
  });

  it("imports NDJSON, maps headers, and answers bad bodies with the error envelope", async () => {
    const nd = [
      JSON.stringify({
        phone: "+15550509001",
        name: "Nd One",
        tags: ["nd"],
        attributes: { score: 7 },
        consent: "opted_out",
      }),
      "{not json",
      JSON.stringify({ phone: "+15550509002", email: "two@nd.test", attributes: { score: "x" } }),
    ].join("\n");
    const res = await upload(nd, "application/x-ndjson");
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual({ rows: 3, created: 1, updated: 0, failed: 2 });
    expect(res.body.errors).toEqual([
      { line: 2, message: "Line 2: not a JSON object." },
      { line: 3, message: 'Line 3: Attribute "score" is a number: "x" is not a number.' },
    ]);
    const mapped = await upload(
      "Mobile,Birthday,Internal\n+15550509003,1990-05-01,zzz\n",
      "text/csv",
      `?mapping=${encodeURIComponent(JSON.stringify({ Mobile: "phone", Birthday: "attributes.birthday:date", Internal: "ignore" }))}`,
    );
    expect(mapped.body.counts).toMatchObject({ created: 1, failed: 0 });
    expect((await api("GET", "/v1/contacts/+15550509003")).body.attributes).toEqual({ birthday: "1990-05-01" });
    const noPhone = await upload("name,email\nAna,a@x.test\n");
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error.message).toContain("no phone column");
    expect((await upload("", "text/csv")).status).toBe(400);
    expect((await upload('phone,name\n+15550509004,"never closed\n')).body).toMatchObject({
      status: "failed",
      error: "Line 2: a quoted field is not closed by the end of the file.",
    });
    const wrongType = await upload("phone\n+1555\n", "application/json");
    expect(wrongType.status).toBe(415);
  });

  it("another workspace sees none of the imports or their contacts", async () => {
    const ws = await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Import other" });
    const other = apiClient(w.url, ws.body.apiKey).call;
    const mine = (await api("GET", "/v1/contacts/imports")).body.data[0];
    expect((await other("GET", `/v1/contacts/imports/${mine.id}`)).status).toBe(404);
    expect((await other("GET", "/v1/contacts/imports")).body.data).toEqual([]);
    expect((await other("GET", "/v1/contacts/+15550409001")).status).toBe(404);
    const theirs = await upload("phone,name\n+15550409001,Theirs\n", "text/csv", "", ws.body.apiKey);
    expect(theirs.body.counts).toMatchObject({ created: 1 });
    expect((await api("GET", "/v1/contacts/+15550409001")).body.name).not.toBe("Theirs");
    expect((await other("GET", "/v1/contacts/+15550409001")).body.name).toBe("Theirs");
  });
});
