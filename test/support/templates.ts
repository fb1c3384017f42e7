import { randomBytes } from "node:crypto";
import { systemClock } from "../../src/platform/clock.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";
import { expect } from "vitest";
import { eventually, type apiClient } from "./api-client.js";
import type { StartedWharf } from "./wharf.js";
import type { Json } from "./json.js";

/** Test helpers for templates and media against the in-process app and its emulator. */

/** The dependencies the templates use-cases take, from the running app (for direct calls). */
export function templatesDeps(w: StartedWharf) {
  return {
    db: w.wharf.database.db,
    vault: w.wharf.vault,
    clock: systemClock,
    events: w.wharf.events,
    channels: w.wharf.channels,
  };
}

/**
 * Meta's Graph API (the emulator's) with the workspace's own token, as WhatsApp Manager or another
 * tool would use it: templates made this way are ones Wharf has not seen.
 */
export async function metaGraph(w: StartedWharf, workspaceId: string) {
  const token = await w.wharf.vault.findSecret(asWorkspaceId(workspaceId), "meta_token", "connection");
  if (!token) throw new Error("the workspace is not connected");
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${w.url}/_meta/v23.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
}

/** A valid UTILITY template with a text header, variables with samples, a footer and buttons. */
export function utilityTemplate(name: string, language = "en_US") {
  return {
    name,
    language,
    category: "UTILITY",
    components: [
      { type: "HEADER", format: "TEXT", text: "Order {{1}}", example: { header_text: ["A-17"] } },
      { type: "BODY", text: "Hi {{1}}, your order {{2}} has shipped.", example: { body_text: [["Ana", "860198"]] } },
      { type: "FOOTER", text: "Reply STOP to opt out" },
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "Stop updates" },
          { type: "URL", text: "Track", url: "https://shop.example/t/{{1}}", example: ["https://shop.example/t/A17"] },
        ],
      },
    ],
  };
}

/** A MARKETING template whose IMAGE header sample is an uploaded file's handle. */
export function imageTemplate(name: string, handle: string) {
  return {
    name,
    language: "en_US",
    category: "MARKETING",
    components: [
      { type: "HEADER", format: "IMAGE", example: { header_handle: [handle] } },
      { type: "BODY", text: "Hello {{1}}, our summer sale starts today.", example: { body_text: [["Ana"]] } },
    ],
  };
}

/** Bytes that start like a PNG (Meta does not sniff; the emulator neither). */
export function pngBytes(size: number): Buffer {
  const bytes = randomBytes(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

/** A raw-body upload (`POST /v1/media/uploads`, `POST /v1/media`). */
export async function upload(
  w: StartedWharf,
  apiKey: string,
  path: string,
  body: Buffer | ReadableStream<Uint8Array>,
  contentType: string,
) {
  const res = await fetch(`${w.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": contentType },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/**
 * Creates a template through the API, has Meta (the emulator) approve it, and waits until Wharf
 * reads it as APPROVED (syncing, so no webhook is needed). Returns the created template.
 */
export async function createApprovedTemplate(api: ReturnType<typeof apiClient>, body: Json): Promise<Json> {
  const created = await api.call("POST", "/v1/templates", body);
  expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
  await api.emulator("POST", `/templates/${created.body.metaTemplateId}/review`, { status: "APPROVED" });
  await eventually(
    async () =>
      (await api.call("POST", "/v1/templates/sync")).status === 200 &&
      (await api.call("GET", `/v1/templates/${created.body.id}`)).body.status === "APPROVED",
    15_000,
    `template ${String(created.body.name)} approved`,
  );
  return created.body;
}

/** Waits for the template sync that connecting a WABA queues by itself. */
export async function firstTemplateSync(call: ReturnType<typeof apiClient>["call"]): Promise<void> {
  await eventually(
    async () => (await call("GET", "/v1/templates")).body.sync.lastSyncedAt,
    10_000,
    "the sync after connecting",
  );
}
