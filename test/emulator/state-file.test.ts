import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, textTo, V, type Harness } from "./support/harness.js";
import { approvedTemplate, orderSend } from "./support/templates.js";

/**
 * Issue 14, item 15: the emulator's durable state in a file (the sandbox's data folder), so a
 * restarted emulator is the same Meta. Production Meta does not forget the tokens it issued, a
 * WABA's subscribed apps, a number's registration or a template's review across its own restarts
 * (Cloud API "Registration", "Webhooks" and "Message templates" all describe lasting state); an
 * emulator that did broke every sandbox restart.
 */

const harnesses: Harness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempStateFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-emulator-state-"));
  dirs.push(dir);
  return path.join(dir, "meta.json");
}

async function start(stateFile: string): Promise<Harness> {
  const h = await startHarness({ stateFile, webhookBatchWindowMs: 0 });
  harnesses.push(h);
  return h;
}

const phone = SEED_IDS.verifiedPhoneNumberId;

describe("state kept in a file across restarts (issue 14, item 15)", () => {
  it("tokens, subscriptions, registrations, templates, customers and open windows survive; the file is private", async () => {
    const stateFile = tempStateFile();
    const first = await start(stateFile);
    const token = await first.connected();
    await approvedTemplate(first, token);
    const customer = "16505557401";
    const wrote = await first.control("POST", "/inbound", { phoneNumberId: phone, from: customer, text: "hi" });
    expect(wrote.body.webhook).toBe("queued");
    // A username customer whose phone Meta withholds: reachable only by their BSUID.
    const withheld = await first.control("POST", "/inbound", {
      phoneNumberId: phone,
      from: "16505557403",
      text: "no phone",
      username: "@kim",
      phoneWithheld: true,
    });
    expect(withheld.body.webhook).toBe("queued");
    const bsuid = await first.receiver.waitFor(
      () =>
        first.receiver.changes().find((c) => c.value.messages?.[0]?.id === withheld.body.wamid)?.value.contacts[0]
          .user_id as string | undefined,
    );
    await first.close();
    harnesses.splice(0);

    expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);

    const second = await start(stateFile);
    // The same token, the number still registered (CONNECTED), the app still subscribed.
    const number = await second.call("GET", `/${V}/${phone}?fields=status`, { token });
    expect(number.status, number.text).toBe(200);
    expect(number.body.status).toBe("CONNECTED");
    const apps = await second.call("GET", `/${V}/${SEED_IDS.wabaId}/subscribed_apps`, { token });
    expect(apps.body.data).toHaveLength(1);
    // The approved template still sends; the window the customer opened before the restart is still
    // open for free-form text (a closed one would fail it with 131047).
    const template = await second.call("POST", `/${V}/${phone}/messages`, { token, json: orderSend("16505557402") });
    expect(template.status, template.text).toBe(200);
    const text = await second.call("POST", `/${V}/${phone}/messages`, { token, json: textTo(customer) });
    expect(text.status, text.text).toBe(200);
    const statuses = await second.receiver.waitFor(() => {
      const mine = second.receiver.statuses().filter((s) => s.id === text.body.messages[0].id);
      return mine.some((s) => s.status === "read") ? mine : undefined;
    }, 15_000);
    expect(statuses.some((s) => s.status === "failed")).toBe(false);
    // The withheld customer is still known by their BSUID (a send by recipient, no to).
    const { to: _to, ...noTo } = textTo("+16505557403");
    const byBsuid = await second.call("POST", `/${V}/${phone}/messages`, {
      token,
      json: { ...noTo, recipient: bsuid },
    });
    expect(byBsuid.status, byBsuid.text).toBe(200);
    expect(byBsuid.body.contacts).toEqual([{ input: bsuid, user_id: bsuid }]);
    // Inbound still reaches the subscribed app (not dropped as not_subscribed).
    const again = await second.control("POST", "/inbound", { phoneNumberId: phone, from: customer, text: "again" });
    expect(again.body.webhook).toBe("queued");
  });

  it("starts from the seeded world when the file is missing or of another format version", async () => {
    const stateFile = tempStateFile();
    fs.writeFileSync(stateFile, JSON.stringify({ version: 999, tokens: [] }));
    const h = await start(stateFile);
    const state = await h.control("GET", "/state");
    expect(state.body.wabas[0].phoneNumbers.every((n: { registered: boolean }) => !n.registered)).toBe(true);
    expect((await h.call("GET", `/${V}/me`, { token: "EAAnotissuedbyanyone000" })).body.error.code).toBe(190);
  });
});
