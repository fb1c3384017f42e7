import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { describeEachDialect } from "../../support/databases.js";
import { startWharf, type StartedWharf } from "../../support/wharf.js";
import { inboxHarness, messagesValue, textMessage } from "../support/inbox-harness.js";

describeEachDialect("a signed 20,000-deep webhook", (dialect) => {
  let w: StartedWharf;
  const h = inboxHarness(() => w);
  let ids: Awaited<ReturnType<typeof h.connect>>;
  beforeAll(async () => {
    w = await startWharf({ dialect });
    ids = await h.connect(w.demo.apiKey);
  });
  afterAll(() => w?.close());

  it("is stored, fails alone as invalid and flagged, and the worker keeps processing the others", async () => {
    const deep = "[".repeat(20_000) + "]".repeat(20_000);
    const poison = JSON.stringify(
      messagesValue(ids, { messages: [textMessage("15550007001", "wamid.deep-1", "x")] }),
    ).replace('"body":"x"', `"body":"x","extra":${deep}`);
    expect(await h.postSigned(poison)).toBe(200);
    expect(
      await h.postSigned(
        JSON.stringify(
          messagesValue(ids, { messages: [textMessage("15550007002", "wamid.after-deep", "still here")] }),
        ),
      ),
    ).toBe(200);
    await h.settle();
    const db = w.wharf.database.db;
    const states = (
      await sql<{
        state: string;
        error: string | null;
      }>`select state, last_error as error from webhook_events where body like ${"%wamid.deep-1%"}`.execute(db)
    ).rows;
    expect(states).toEqual([{ state: "invalid", error: expect.stringContaining("64") }]);
    const ok = (
      await sql<{ n: number }>`select count(*) as n from messages where wamid = 'wamid.after-deep'`.execute(db)
    ).rows[0]!;
    expect(Number(ok.n)).toBe(1);
    const flags = await h.api("GET", "/v1/webhooks/meta/flags", w.adminToken);
    expect(flags.body.data.map((f: { kind: string; detail: string }) => `${f.kind}:${f.detail}`)).toContainEqual(
      expect.stringMatching(/^invalid_payload:.*deeper than 64/),
    );
  });
});
