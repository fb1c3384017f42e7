import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { D360_SEED, INVALID_API_KEY } from "../../src/emulator/index.js";
import { SEED_IDS, startHarness, textTo, type Harness, type Reply } from "./support/harness.js";
import { orderTemplate } from "./support/templates.js";

/**
 * The 360dialog stand-in over the Graph emulator's model. Facts pinned here, with their sources:
 * - messaging base `https://waba-v2.360dialog.io`, `POST /messages` with Meta's body, header
 *   `D360-API-KEY` (docs.360dialog.com/docs/whatsapp-api/the-basics);
 * - a bad key is HTTP 401 `{"meta": {"success": false, "http_code": 401, "developer_message":
 *   "Invalid api key"}}` (docs.360dialog.com/whatsapp-api/whatsapp-api);
 * - `POST /v1/configs/webhook {url, headers}` sets the number's webhook; deliveries carry Meta's
 *   payload and the configured headers, no `X-Hub-Signature-256` (docs.360dialog.com "Receiving
 *   messages"; RapidPro's 360dialog Cloud channel registers its callback this way);
 * - templates at `/v1/configs/templates` (docs.360dialog.com "Create and manage Template Messages");
 * - `GET /health_status` names the number and WABA (docs.360dialog.com "Messaging Health Status");
 * - the Connect button's redirect carries `client=<id>&channels=[<id>,...]` and the Partner API
 *   (`https://hub.360dialog.io/api/v2`) generates a channel's key with
 *   `POST /partners/{partner_id}/channels/{channel_id}/api_keys` ("Custom Integrated Onboarding");
 * - a new key revokes the channel's older ones (docs.360dialog.com/docs/hub/api-key).
 */
const WABA = "/_360dialog/waba-v2";
const HUB = "/_360dialog/hub/api/v2";
const PAGE = `/_360dialog/hub/dashboard/app/${D360_SEED.partnerId}/permissions`;
const [channel, otherChannel] = D360_SEED.channelIds;
const phone = SEED_IDS.verifiedPhoneNumberId;
const SECRET_HEADER = "x-wharf-channel-secret";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(): Promise<Harness> {
  h = await startHarness({ statusDelaysMs: { sent: 0, delivered: 0, read: 0 }, webhookBatchWindowMs: 0 });
  return h;
}

async function keyFor(hh: Harness, channelId: string = channel): Promise<string> {
  const r = await hh.control("POST", `/360dialog/channels/${channelId}/api-key`);
  expect(r.status, r.text).toBe(201);
  return r.body.apiKey as string;
}

function d360(hh: Harness, key: string | undefined, method: string, path: string, json?: unknown): Promise<Reply> {
  return hh.call(method, `${WABA}${path}`, {
    ...(key !== undefined ? { headers: { "D360-API-KEY": key } } : {}),
    ...(json !== undefined ? { json } : {}),
  });
}

async function configureWebhook(hh: Harness, key: string): Promise<void> {
  const r = await d360(hh, key, "POST", "/v1/configs/webhook", {
    url: `${hh.receiver.url.replace("/webhooks/meta", "")}/webhooks/360dialog/${channel}`,
    headers: { [SECRET_HEADER]: "s3cret-value" },
  });
  expect(r.status, r.text).toBe(200);
}

describe("360dialog stand-in: the D360-API-KEY", () => {
  it("answers 401 with 360dialog's envelope for no key, an unknown key and a revoked key", async () => {
    const hh = await harness();
    for (const key of [undefined, "not-a-key"]) {
      for (const [method, path] of [
        ["POST", "/messages"],
        ["GET", "/health_status"],
        ["POST", "/v1/configs/webhook"],
        ["GET", "/v1/configs/templates"],
      ] as const) {
        const r = await d360(hh, key, method, path, method === "POST" ? {} : undefined);
        expect(r.status, `${method} ${path}`).toBe(401);
        expect(r.body).toEqual(INVALID_API_KEY);
      }
    }
    const key = await keyFor(hh);
    expect((await d360(hh, key, "GET", "/health_status")).status).toBe(200);
    const revoked = await hh.control("POST", "/360dialog/api-keys/revoke", { apiKey: key });
    expect(revoked.body.revoked).toBe(1);
    const after = await d360(hh, key, "POST", "/messages", textTo("16505551234"));
    expect(after.status).toBe(401);
    expect(after.body).toEqual(INVALID_API_KEY);
  });

  it("revokes a channel's older keys when a new one is generated, and keeps other channels' keys", async () => {
    const hh = await harness();
    const first = await keyFor(hh);
    const other = await keyFor(hh, otherChannel);
    const second = await keyFor(hh);
    expect((await d360(hh, first, "GET", "/health_status")).status).toBe(401);
    expect((await d360(hh, second, "GET", "/health_status")).status).toBe(200);
    expect((await d360(hh, other, "GET", "/health_status")).status).toBe(200);
  });

  it("names the key's number and WABA in /health_status", async () => {
    const hh = await harness();
    const r = await d360(hh, await keyFor(hh), "GET", "/health_status");
    expect(r.body.health_status.can_send_message).toBe("AVAILABLE");
    const entities = r.body.health_status.entities as { entity_type: string; id: string }[];
    expect(entities.find((e) => e.entity_type === "PHONE_NUMBER")?.id).toBe(phone);
    expect(entities.find((e) => e.entity_type === "WABA")?.id).toBe(SEED_IDS.wabaId);
  });
});

describe("360dialog stand-in: Connect button and Partner API", () => {
  it("redirects back with client and the bracketed channel list, then the partner generates a key", async () => {
    const hh = await harness();
    const back = "http://localhost:3000/connect/360dialog/callback";
    const page = await hh.call("GET", `${PAGE}?redirect_url=${encodeURIComponent(back)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("+1 555-078-3881");
    expect(page.text).toContain(`name="channel_${channel}"`);

    const before = await hh.call("POST", `${HUB}/partners/${D360_SEED.partnerId}/channels/${channel}/api_keys`, {
      headers: { "x-api-key": D360_SEED.partnerApiKey },
    });
    expect(before.status).toBe(403);

    const approve = await hh.call("POST", PAGE, {
      form: { redirect_url: back, [`channel_${channel}`]: "1", decision: "approve" },
    });
    expect(approve.status).toBe(302);
    const location = new URL(approve.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(back);
    expect(location.searchParams.get("client")).toBe(D360_SEED.clientId);
    expect(location.searchParams.get("channels")).toBe(`[${channel}]`);

    const wrongPartnerKey = await hh.call(
      "POST",
      `${HUB}/partners/${D360_SEED.partnerId}/channels/${channel}/api_keys`,
      { headers: { "x-api-key": "guess" } },
    );
    expect(wrongPartnerKey.status).toBe(401);
    const generated = await hh.call("POST", `${HUB}/partners/${D360_SEED.partnerId}/channels/${channel}/api_keys`, {
      headers: { "x-api-key": D360_SEED.partnerApiKey },
    });
    expect(generated.status, generated.text).toBe(201);
    expect(generated.body.address).toBe(`${hh.url}${WABA}`);
    expect((await d360(hh, generated.body.api_key as string, "GET", "/health_status")).status).toBe(200);

    // A channel the client did not tick stays closed to the partner.
    const unticked = await hh.call("POST", `${HUB}/partners/${D360_SEED.partnerId}/channels/${otherChannel}/api_keys`, {
      headers: { "x-api-key": D360_SEED.partnerApiKey },
    });
    expect(unticked.status).toBe(403);
  });

  it("refuses a redirect_url that is not http(s), and cancels back with error=cancelled", async () => {
    const hh = await harness();
    const js = await hh.call("GET", `${PAGE}?redirect_url=${encodeURIComponent("javascript:alert(1)")}`);
    expect(js.status).toBe(400);
    const cancel = await hh.call("POST", PAGE, {
      form: { redirect_url: "http://localhost:3000/cb", decision: "cancel" },
    });
    expect(cancel.status).toBe(302);
    expect(new URL(cancel.headers.get("location")!).searchParams.get("error")).toBe("cancelled");
  });
});

describe("360dialog stand-in: messages and webhooks over the Meta model", () => {
  it("sends through the key's number; statuses reach the configured URL with its headers and no Meta signature", async () => {
    const hh = await harness();
    const key = await keyFor(hh);
    await configureWebhook(hh, key);
    const got = await d360(hh, key, "GET", "/v1/configs/webhook");
    expect(got.body.url).toContain(`/webhooks/360dialog/${channel}`);

    const customer = "16505557001";
    const posted = await hh.control("POST", "/inbound", { phoneNumberId: phone, from: customer, text: "hi" });
    // The Meta app is not subscribed to the WABA here; the 360dialog channel still gets the message.
    expect(posted.body.webhook).toBe("queued");
    const inbound = await hh.receiver.waitFor(() => hh.receiver.received.find((w) => w.path.includes("360dialog")));
    expect(inbound.headers[SECRET_HEADER]).toBe("s3cret-value");
    expect(inbound.signature).toBeUndefined();
    expect(inbound.body.entry[0].changes[0].value.metadata.phone_number_id).toBe(phone);

    const sent = await d360(hh, key, "POST", "/messages", textTo(customer, "hello from 360"));
    expect(sent.status, sent.text).toBe(200);
    const wamid = sent.body.messages[0].id as string;
    // The same message the Graph emulator records: one model behind both APIs.
    const seen = await hh.control("GET", `/messages?phoneNumberId=${phone}`);
    expect((seen.body.data as { wamid: string }[]).map((m) => m.wamid)).toContain(wamid);
    await hh.receiver.waitFor(() =>
      hh.receiver.statuses().some((s) => s.id === wamid && s.status === "read") ? true : undefined,
    );
    // The Meta app never subscribed to the WABA: nothing went out signed.
    expect(hh.receiver.received.every((w) => w.signature === undefined)).toBe(true);

    const inboundId = inbound.body.entry[0].changes[0].value.messages[0].id as string;
    const read = await d360(hh, key, "POST", "/messages", {
      messaging_product: "whatsapp",
      status: "read",
      message_id: inboundId,
    });
    expect(read.body).toEqual({ success: true });
  });

  it("answers Meta's own errors past the key (a body without `to` is Graph's code 100)", async () => {
    const hh = await harness();
    const key = await keyFor(hh);
    const bad = await d360(hh, key, "POST", "/messages", { messaging_product: "whatsapp", type: "text" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe(100);
  });

  it("refuses a webhook URL that is not http(s) and header values with line breaks", async () => {
    const hh = await harness();
    const key = await keyFor(hh);
    const ftp = await d360(hh, key, "POST", "/v1/configs/webhook", { url: "ftp://x.example/hook" });
    expect(ftp.status).toBe(400);
    const crlf = await d360(hh, key, "POST", "/v1/configs/webhook", {
      url: "http://x.example/hook",
      headers: { "x-a": "one\r\nx-b: two" },
    });
    expect(crlf.status).toBe(400);
    expect((await d360(hh, key, "GET", "/v1/configs/webhook")).body.url).toBe("");
  });
});

describe("360dialog stand-in: templates and media", () => {
  it("creates, lists (waba_templates), reports the review to the channel's webhook, and deletes by name", async () => {
    const hh = await harness();
    const key = await keyFor(hh);
    await configureWebhook(hh, key);
    const created = await d360(hh, key, "POST", "/v1/configs/templates", orderTemplate("d360_order"));
    expect(created.status, created.text).toBe(200);
    expect(created.body.status).toBe("PENDING");
    await hh.control("POST", `/templates/${created.body.id}/review`, { status: "APPROVED" });
    const update = await hh.receiver.waitFor(() =>
      hh.receiver.changes().find((c) => c.field === "message_template_status_update"),
    );
    expect(update.value.event).toBe("APPROVED");
    expect(update.value.message_template_name).toBe("d360_order");

    const list = await d360(hh, key, "GET", "/v1/configs/templates");
    const mine = (list.body.waba_templates as { name: string; status: string; namespace: string }[]).find(
      (t) => t.name === "d360_order",
    );
    expect(mine?.status).toBe("APPROVED");
    expect(mine?.namespace).toBeTruthy();
    expect(list.body.total).toBeGreaterThanOrEqual(1);

    expect((await d360(hh, key, "DELETE", "/v1/configs/templates/d360_order")).body).toEqual({ success: true });
    expect((await d360(hh, key, "DELETE", "/v1/configs/templates/d360_order")).status).toBe(400);
  });

  it("uploads media, gives Meta's lookaside path under the waba-v2 base, and serves bytes only to the number's key", async () => {
    const hh = await harness();
    const key = await keyFor(hh);
    const other = await keyFor(hh, otherChannel);
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(512, 3)]);
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("type", "image/png");
    form.set("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "p.png");
    const up = await hh.call("POST", `${WABA}/media`, { headers: { "D360-API-KEY": key }, body: form });
    expect(up.status, up.text).toBe(200);
    const node = await d360(hh, key, "GET", `/${up.body.id}`);
    expect(node.body.mime_type).toBe("image/png");
    const lookaside = node.body.url as string;
    expect(new URL(lookaside).pathname).toMatch(/\/whatsapp_business\/attachments\/$/);
    // 360dialog's rule: keep the lookaside path (from /whatsapp_business/) and query, under the waba-v2 base.
    const tail = lookaside.slice(lookaside.indexOf("/whatsapp_business/"));
    const download = await fetch(`${hh.url}${WABA}${tail}`, { headers: { "D360-API-KEY": key } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const stranger = await fetch(`${hh.url}${WABA}${tail}`, {
      headers: { "D360-API-KEY": other },
    });
    expect(stranger.status).toBe(404);
    expect((await d360(hh, other, "GET", `/${up.body.id}`)).status).toBe(400);
  });
});

describe("360dialog stand-in: a restart on the same state file", () => {
  it("keeps channels' keys (revoked ones stay revoked) and their webhook configuration", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "d360-state-"));
    const stateFile = path.join(dir, "meta.json");
    try {
      const first = await startHarness({ stateFile });
      const old = await keyFor(first);
      const key = await keyFor(first);
      await configureWebhook(first, key);
      await first.close();

      h = await startHarness({ stateFile });
      expect((await d360(h, key, "GET", "/health_status")).status).toBe(200);
      expect((await d360(h, old, "GET", "/health_status")).status).toBe(401);
      expect((await d360(h, key, "GET", "/v1/configs/webhook")).body.url).toContain(`/webhooks/360dialog/${channel}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
