import { connectAndActivate } from "../../support/connect.js";
import { utilityTemplate } from "../../support/templates.js";
import type { StartedWharf } from "../../support/wharf.js";
import { send } from "./support.js";

const settle = async <T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * One object of each kind in a workspace, made through the API as its owner would: a connected
 * WABA with active numbers, an approved template, a draft campaign, a webhook endpoint with a
 * delivery, and a customer's message (conversation, contact, message). Best effort: a kind that
 * cannot be made leaves the suite with a made-up id for it, which must be a 404 all the same.
 */
export async function seedTenant(w: StartedWharf, apiKey: string): Promise<{ waId: string; notes: string[] }> {
  const as = { token: apiKey };
  const notes: string[] = [];
  const waId = "15557770001";
  const numbers = await connectAndActivate(w.url, apiKey);
  const endpoint = await send(w, "POST", "/v1/webhook-endpoints", as, {
    url: "http://127.0.0.1:9/hook",
    events: ["*"],
  });
  if (endpoint.status !== 201) notes.push(`webhook endpoint: ${endpoint.status}`);

  const template = await send(w, "POST", "/v1/templates", as, utilityTemplate("matrix_notice"));
  if (template.status === 201) {
    await fetch(`${w.url}/_meta/_emulator/templates/${template.body.metaTemplateId}/review`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "APPROVED" }),
    });
    await settle(
      () => send(w, "GET", `/v1/templates/${template.body.id}`, as),
      (r) => r.body?.status === "APPROVED",
    );
    const campaign = await send(w, "POST", "/v1/campaigns", as, {
      name: "Matrix",
      from: numbers.verified.id,
      template: { name: "matrix_notice", language: "en_US" },
      draft: true,
    });
    if (campaign.status !== 201) notes.push(`campaign: ${campaign.status} ${JSON.stringify(campaign.body)}`);
  } else notes.push(`template: ${template.status} ${JSON.stringify(template.body)}`);

  await fetch(`${w.url}/_meta/_emulator/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      phoneNumberId: numbers.verified.metaPhoneNumberId,
      from: waId,
      text: "hello",
      name: "Bee Customer",
    }),
  });
  const conversation = await settle(
    () => send(w, "GET", "/v1/conversations", as),
    (r) => (r.body?.data?.length ?? 0) > 0,
  );
  if (!conversation.body?.data?.length) notes.push("conversation: none");
  if (endpoint.status === 201) {
    const deliveries = await settle(
      () => send(w, "GET", `/v1/webhook-endpoints/${endpoint.body.id}/deliveries`, as),
      (r) => (r.body?.data?.length ?? 0) > 0,
    );
    if (!deliveries.body?.data?.length) notes.push("delivery: none");
  }
  return { waId, notes };
}
