import { approveInDialog } from "./meta-dialog.js";

export interface ConnectedNumbers {
  /** Our ids (pn_...) by Meta phone number id, with the PIN the emulator seeded. */
  verified: { id: string; metaPhoneNumberId: string };
  unverified: { id: string; metaPhoneNumberId: string };
}

async function call(url: string, method: string, path: string, apiKey: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** The emulator's seeded WABA (docs/emulator.md). */
export const SEED_WABA_ID = "102290129340398";

export interface EmulatorWaba {
  businessId: string;
  wabaId: string;
  phoneNumbers: Array<{ id: string; pin: string; displayPhoneNumber: string }>;
}

/** What a business is like: an unverified one is held to a small messaging limit (TIER_50). */
export interface BusinessOptions {
  businessVerified?: boolean;
  messagingLimit?: string;
}

/** Another business of the emulator's Meta user, with its own WABA and one number (`POST /_emulator/wabas`). */
export async function addEmulatorWaba(
  url: string,
  name = "Another business",
  options: BusinessOptions = {},
): Promise<EmulatorWaba> {
  const res = await fetch(`${url}/_meta/_emulator/wabas`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, ...options }),
  });
  if (res.status !== 201) throw new Error(`adding a WABA to the emulator answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as EmulatorWaba;
}

/**
 * A second business's own WABA in the emulator, connected to the workspace, its number activated:
 * a WABA belongs to one workspace at a time, so each tenant of a multi-tenant test needs its own.
 */
export async function connectOwnWaba(
  url: string,
  apiKey: string,
  name = "Second business",
  options: BusinessOptions = {},
): Promise<{ businessId: string; wabaId: string; phoneNumber: { id: string; metaPhoneNumberId: string } }> {
  const added = await addEmulatorWaba(url, name, options);
  const prep = await call(url, "POST", "/v1/connection/prepare", apiKey);
  const { code, state } = await approveInDialog(prep.authorizationUrl as string, { wabaIds: [added.wabaId] });
  await call(url, "POST", "/v1/connection/connect", apiKey, { code, state });
  const numbers = (await call(url, "GET", "/v1/phone-numbers", apiKey)).data as Array<{
    id: string;
    metaPhoneNumberId: string;
  }>;
  const seeded = added.phoneNumbers[0]!;
  const ours = numbers.find((n) => n.metaPhoneNumberId === seeded.id)!;
  await call(url, "POST", `/v1/phone-numbers/${ours.id}/activate`, apiKey, { pin: seeded.pin });
  return { businessId: added.businessId, wabaId: added.wabaId, phoneNumber: ours };
}

/**
 * What a workspace owner does once: connect the WABA through Meta's dialog (the emulator's, in
 * sandbox mode) and activate both seeded numbers with their PINs.
 */
export async function connectAndActivate(url: string, apiKey: string): Promise<ConnectedNumbers> {
  const prep = await call(url, "POST", "/v1/connection/prepare", apiKey);
  const { code, state } = await approveInDialog(prep.authorizationUrl as string, { wabaIds: [SEED_WABA_ID] });
  await call(url, "POST", "/v1/connection/connect", apiKey, { code, state });
  const emulatorState = (await (await fetch(`${url}/_meta/_emulator/state`)).json()) as {
    wabas: Array<{ phoneNumbers: Array<{ id: string; pin: string; verifiedName: string }> }>;
  };
  const numbers = (await call(url, "GET", "/v1/phone-numbers", apiKey)).data as Array<{
    id: string;
    metaPhoneNumberId: string;
  }>;
  const seeded = emulatorState.wabas[0]!.phoneNumbers;
  for (const n of numbers) {
    const pin = seeded.find((s) => s.id === n.metaPhoneNumberId)!.pin;
    await call(url, "POST", `/v1/phone-numbers/${n.id}/activate`, apiKey, { pin });
  }
  // The emulator seeds the number "Jasper's Market" first (docs/emulator.md); both share its portfolio.
  const byMeta = (metaId: string) => numbers.find((n) => n.metaPhoneNumberId === metaId)!;
  return { verified: byMeta(seeded[0]!.id), unverified: byMeta(seeded[1]!.id) };
}
