import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookPayload } from "../../src/graph/index.js";
import { REDIRECT, startHarness, uploadPath, V, type Harness } from "./support/harness.js";
import { expectSpecRequest, expectSpecResponse, expectSpecWebhook } from "./support/spec.js";
import type { Json } from "../support/json.js";

/**
 * A whole Meta client session over real HTTP, in Meta's wire format only: what a Tech Provider
 * does from the login dialog to its first catalog batch. Only the customer's side (an inbound
 * message, the template review) goes through the control API.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    statusDelaysMs: { sent: 5, delivered: 10, read: 15 },
    webhookBatchWindowMs: 5,
    batchProcessingMs: 20,
  });
});
afterAll(() => h.close());

async function graph(method: string, path: string, token: string, json?: unknown) {
  const res = await h.call(method, path, json === undefined ? { token } : { token, json });
  expect(res.status, `${method} ${path}: ${res.text}`).toBe(200);
  return res;
}

describe("a Meta client session", () => {
  it("goes from the login dialog to a catalog batch", async () => {
    // 1. The browser opens the dialog and presses Continue (the form as the page renders it).
    const dialog = await h.call(
      "GET",
      `/${V}/dialog/oauth?${new URLSearchParams({ client_id: h.server.appId, redirect_uri: REDIRECT, state: "nonce-1", config_id: "cfg", response_type: "code" })}`,
    );
    const action = /<form method="post" action="([^"]+)"/.exec(dialog.text)![1]!;
    const fields = Object.fromEntries(
      [...dialog.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
    );
    const approve = await fetch(action, {
      method: "POST",
      body: new URLSearchParams({ ...fields, action: "continue" }),
      redirect: "manual",
    });
    expect(approve.status).toBe(302);
    const back = new URL(approve.headers.get("location")!);
    expect(back.searchParams.get("state")).toBe("nonce-1");

    // 2. The server exchanges the code and inspects the token.
    const exchange = await h.call(
      "GET",
      `/${V}/oauth/access_token?${new URLSearchParams({ client_id: h.server.appId, client_secret: h.server.appSecret, code: back.searchParams.get("code")!, redirect_uri: REDIRECT })}`,
    );
    const token = exchange.body.access_token as string;
    expect(token).toMatch(/^EAA[A-Za-z0-9]+$/);
    const debug = await graph(
      "GET",
      `/${V}/debug_token?input_token=${token}&access_token=${h.server.appId}|${h.server.appSecret}`,
      token,
    );
    const wabaId = debug.body.data.granular_scopes.find((g: Json) => g.scope === "whatsapp_business_management")
      .target_ids[0] as string;

    // 3. WABA, numbers, registration, subscription.
    expect((await graph("GET", `/${V}/${wabaId}?fields=name,currency`, token)).body.name).toBeTruthy();
    const numbersPath = `/${V}/${wabaId}/phone_numbers?fields=id,display_phone_number,verified_name,status,quality_rating`;
    const numbers = await graph("GET", numbersPath, token);
    expectSpecResponse("GET", numbersPath, numbers);
    const phone = numbers.body.data[0];
    const pin = (await h.control("GET", "/state")).body.wabas[0].phoneNumbers[0].pin as string;
    const registerBody = { messaging_product: "whatsapp", pin };
    expectSpecRequest("POST", `/${V}/${phone.id}/register`, registerBody);
    await graph("POST", `/${V}/${phone.id}/register`, token, registerBody);
    await graph("POST", `/${V}/${wabaId}/subscribed_apps`, token);

    // 4. A customer writes; we answer inside the window and follow the status webhooks.
    await h.control("POST", "/inbound", {
      phoneNumberId: phone.id,
      from: "447700900123",
      text: "Is my order ready?",
      name: "Sam",
    });
    const incoming = await h.receiver.waitFor(() =>
      h.receiver.changes().find((c) => c.value.messages?.[0]?.text?.body === "Is my order ready?"),
    );
    expect(incoming.value.contacts[0]).toEqual({
      profile: { name: "Sam" },
      wa_id: "447700900123",
      user_id: expect.stringMatching(/^GB\.\d+$/), // the BSUID every messages webhook carries (2026)
    });
    const reply = {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+447700900123",
      type: "text",
      text: { body: "Yes, it ships today." },
      context: { message_id: incoming.value.messages[0].id },
    };
    expectSpecRequest("POST", `/${V}/${phone.id}/messages`, reply);
    const sent = await graph("POST", `/${V}/${phone.id}/messages`, token, reply);
    const wamid = sent.body.messages[0].id;
    await graph("POST", `/${V}/${phone.id}/messages`, token, {
      messaging_product: "whatsapp",
      status: "read",
      message_id: incoming.value.messages[0].id,
    });
    await h.receiver.waitFor(() => h.receiver.statuses().some((s) => s.id === wamid && s.status === "read"));
    expect(
      h.receiver
        .statuses()
        .filter((s) => s.id === wamid)
        .map((s) => s.status),
    ).toEqual(["sent", "delivered", "read"]);

    // 5. A template: created, reviewed, announced by webhook, then sent.
    const templatePath = `/${V}/${wabaId}/message_templates`;
    const definition = {
      name: "shipping_update",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Order {{1}} ships {{2}}.", example: { body_text: [["A-1", "today"]] } }],
    };
    const created = await graph("POST", templatePath, token, definition);
    expect(created.body.status).toBe("PENDING");
    await h.control("POST", `/templates/${created.body.id}/review`, { status: "APPROVED" });
    const approved = await h.receiver.waitFor(() =>
      h.receiver.changes().find((c) => c.field === "message_template_status_update"),
    );
    expect(approved.value).toMatchObject({
      event: "APPROVED",
      message_template_id: Number(created.body.id),
      message_template_name: "shipping_update",
    });
    const templateSend = {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "447700900123",
      type: "template",
      template: {
        name: "shipping_update",
        language: { code: "en_US", policy: "deterministic" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "A-1" },
              { type: "text", text: "today" },
            ],
          },
        ],
      },
    };
    expectSpecRequest("POST", `/${V}/${phone.id}/messages`, templateSend);
    expect(
      (await graph("POST", `/${V}/${phone.id}/messages`, token, templateSend)).body.messages[0].message_status,
    ).toBe("accepted");

    // 6. A resumable upload cut half-way, resumed from Meta's offset.
    const file = Buffer.alloc(6000, 42);
    const session = await graph(
      "POST",
      `/${V}/${h.server.appId}/uploads?file_name=hdr.png&file_length=${file.length}&file_type=image/png`,
      token,
    );
    await h.control("POST", "/faults", { path: "/v23.0/upload:*", cutAfterBytes: 2500 });
    const upload = (offset: number) =>
      fetch(`${h.url}${uploadPath(session.body.id)}`, {
        method: "POST",
        headers: { authorization: `OAuth ${token}`, file_offset: String(offset) },
        body: new Uint8Array(file.subarray(offset)),
      });
    await expect(upload(0)).rejects.toThrow();
    const offset = (await graph("GET", uploadPath(session.body.id), token)).body.file_offset as number;
    expect(offset).toBe(2500);
    const { h: handle } = (await (await upload(offset)).json()) as { h: string };
    expect(handle).toBeTruthy();

    // 7. A catalog batch, polled until Meta has processed it.
    const catalogId = debug.body.data.granular_scopes.find((g: Json) => g.scope === "catalog_management").target_ids[0];
    const batch = await graph("POST", `/${V}/${catalogId}/items_batch`, token, {
      item_type: "PRODUCT_ITEM",
      requests: [
        {
          method: "CREATE",
          data: {
            id: "SKU-1",
            title: "Tea",
            description: "Green",
            availability: "in stock",
            condition: "new",
            price: "4.00 USD",
            link: "https://shop.example/tea",
            image_link: "https://shop.example/tea.jpg",
          },
        },
      ],
    });
    let batchStatus = "";
    for (let i = 0; i < 50 && batchStatus !== "finished"; i++) {
      await new Promise((r) => setTimeout(r, 10));
      batchStatus = (
        await graph(
          "GET",
          `/${V}/${catalogId}/check_batch_request_status?handle=${encodeURIComponent(batch.body.handles[0])}`,
          token,
        )
      ).body.data[0].status;
    }
    expect(batchStatus).toBe("finished");

    // Every webhook of the session was signed with the app secret and matches Meta's schema.
    expect(h.receiver.received.length).toBeGreaterThan(0);
    for (const post of h.receiver.received) {
      expect(post.signatureOk).toBe(true);
      expect(WebhookPayload.safeParse(post.body).success).toBe(true);
      if (post.body.entry.every((e: Json) => e.changes.every((c: Json) => c.field === "messages")))
        expectSpecWebhook(post.body);
    }
  });
});
