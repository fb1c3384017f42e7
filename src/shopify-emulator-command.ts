import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SHOPIFY_TOPICS, signShopifyBody } from "./modules/shopify/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SHOPIFY_FIXTURES = path.join(ROOT, "test", "fixtures", "shopify");

export const SHOPIFY_EMULATOR_USAGE = `Usage: wharf shopify-emulator --url URL --workspace WS_ID --secret SECRET --topic TOPIC
         [--fixture FILE] [--shop NAME.myshopify.com] [--webhook-id ID]

Signs a Shopify webhook (X-Shopify-Hmac-Sha256 over the exact bytes) and posts it to
URL/integrations/shopify/WS_ID/webhooks, as Shopify would. The body is FILE, or the fixture of the
topic (test/fixtures/shopify/<topic with / as ->.json). --webhook-id repeats a delivery (a random
id otherwise). Topics: ${SHOPIFY_TOPICS.join(", ")}.`;

/** `wharf shopify-emulator`: stands in for a shop's webhooks (tests, the sandbox, trying a connector). */
export async function runShopifyEmulatorCommand(
  argv: string[],
  out: { stdout: (s: string) => void; stderr: (s: string) => void } = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        workspace: { type: "string" },
        secret: { type: "string" },
        topic: { type: "string" },
        fixture: { type: "string" },
        shop: { type: "string", default: "wharf-demo.myshopify.com" },
        "webhook-id": { type: "string" },
      },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (err) {
    out.stderr(`${(err as Error).message}\n${SHOPIFY_EMULATOR_USAGE}\n`);
    return 2;
  }
  const { url, workspace, secret, topic } = values;
  if (!url || !workspace || !secret || !topic) {
    out.stderr(`--url, --workspace, --secret and --topic are required.\n${SHOPIFY_EMULATOR_USAGE}\n`);
    return 2;
  }
  const file = values.fixture ?? path.join(SHOPIFY_FIXTURES, `${topic.replace("/", "-")}.json`);
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch {
    out.stderr(`No fixture at ${file}; give one with --fixture.\n`);
    return 2;
  }
  const webhookId = values["webhook-id"] ?? randomUUID();
  const target = `${url.replace(/\/+$/, "")}/integrations/shopify/${encodeURIComponent(workspace)}/webhooks`;
  const res = await fetch(target, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-hmac-sha256": signShopifyBody(body, secret),
      "x-shopify-shop-domain": values.shop!,
      "x-shopify-webhook-id": webhookId,
      "x-shopify-api-version": "2025-10",
      "x-shopify-triggered-at": new Date().toISOString(),
      "x-shopify-event-id": randomUUID(),
    },
    body,
  });
  out.stdout(`${topic} (webhook id ${webhookId}) → ${res.status} ${await res.text()}\n`);
  return res.ok ? 0 : 1;
}
