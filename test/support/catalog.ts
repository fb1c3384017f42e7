import { approveInDialog } from "./meta-dialog.js";
import type { StartedWharf } from "./wharf.js";
import type { Json } from "./json.js";

/** The emulator's seeded catalog (docs/emulator.md). */
export const SEED_CATALOG_ID = "1537700000000001";

/**
 * A catalog token of its own for the workspace: a Meta login (the emulator's dialog) that grants
 * only catalog_management, exchanged for a token and put through `PUT /v1/connection/catalog`.
 * Revoking it later leaves the WhatsApp token working.
 */
export async function connectCatalogToken(w: Pick<StartedWharf, "url">, apiKey: string): Promise<string> {
  const token = await newCatalogToken(w, apiKey);
  await putCatalogToken(w, apiKey, token);
  return token;
}

export async function newCatalogToken(w: Pick<StartedWharf, "url">, apiKey: string): Promise<string> {
  const prep = await fetch(`${w.url}/v1/connection/prepare`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const dialog = new URL(((await prep.json()) as Json).authorizationUrl as string);
  dialog.searchParams.delete("config_id");
  dialog.searchParams.set("scope", "catalog_management,business_management");
  const { code } = await approveInDialog(dialog.toString());
  const state = (await (await fetch(`${w.url}/_meta/_emulator/state`)).json()) as Json;
  const q = new URLSearchParams({
    client_id: state.app.id,
    client_secret: state.app.secret,
    redirect_uri: dialog.searchParams.get("redirect_uri")!,
    code,
  });
  const res = await fetch(`${w.url}/_meta/v23.0/oauth/access_token?${q}`);
  const body = (await res.json()) as Json;
  if (res.status !== 200) throw new Error(`the code exchange answered ${res.status}: ${JSON.stringify(body)}`);
  return body.access_token as string;
}

export async function putCatalogToken(w: Pick<StartedWharf, "url">, apiKey: string, token: string): Promise<void> {
  const res = await fetch(`${w.url}/v1/connection/catalog`, {
    method: "PUT",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ catalogId: SEED_CATALOG_ID, accessToken: token }),
  });
  if (res.status >= 300) throw new Error(`PUT /v1/connection/catalog answered ${res.status}: ${await res.text()}`);
}

/** A valid product body for `PUT /v1/catalog/products/{retailerId}`. */
export function productBody(n: number, overrides: Record<string, unknown> = {}) {
  return {
    title: `Product ${n}`,
    description: `The number ${n} product of the shop`,
    price: 1000 + n,
    currency: "USD",
    availability: "in stock",
    condition: "new",
    link: `https://shop.example/p/${n}`,
    imageLink: `https://shop.example/img/${n}.jpg`,
    ...overrides,
  };
}

/** What the emulator's catalog holds now (`GET /{catalog_id}/products`, every page). */
export async function emulatorProducts(w: Pick<StartedWharf, "url">, token: string): Promise<Json[]> {
  const out: Json[] = [];
  let after: string | undefined;
  for (;;) {
    const q = new URLSearchParams({ limit: "1000", fields: "retailer_id,name,price,availability" });
    if (after) q.set("after", after);
    const res = await fetch(`${w.url}/_meta/v23.0/${SEED_CATALOG_ID}/products?${q}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as Json;
    if (res.status !== 200) throw new Error(`products answered ${res.status}: ${JSON.stringify(body)}`);
    out.push(...body.data);
    after = body.paging?.next ? body.paging.cursors.after : undefined;
    if (!after) return out;
  }
}
