import { D360_SEED } from "../../src/emulator/index.js";
import { apiClient } from "./api-client.js";
import { connectAndActivate, SEED_WABA_ID } from "./connect.js";
import type { Json } from "./json.js";
import type { StartedWharf } from "./wharf.js";

/** The number a channel fixture connected: Wharf's id, Meta's, and its WABA. */
export interface ChannelNumber {
  id: string;
  metaPhoneNumberId: string;
  wabaId: string;
}

/**
 * What differs between two channels in an end-to-end scenario: how a workspace connects through
 * it, and which of Wharf's routes the provider posts its webhooks to. Everything else (the
 * customer writing, Meta's statuses, a template's review) happens in the one Meta model the
 * emulator keeps, and reaches Wharf through whatever the connect configured.
 */
export interface ChannelFixture {
  channel: "meta" | "360dialog";
  /** Connects the workspace the way its owner would and returns the number it sends from. */
  connect(w: StartedWharf, apiKey: string): Promise<ChannelNumber>;
  /** The path of Wharf's webhook route this channel's deliveries must go to. */
  webhookPath(number: ChannelNumber): string;
}

/** The API answer's body; a refusal fails the fixture with Wharf's own words. */
async function ok(answer: Promise<{ status: number; body: Json }>, what: string): Promise<Json> {
  const { status, body } = await answer;
  if (status >= 300) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** Meta's Cloud API: the login dialog (the emulator's), then the number activated with its PIN. */
export const metaFixture: ChannelFixture = {
  channel: "meta",
  async connect(w, apiKey) {
    const { verified } = await connectAndActivate(w.url, apiKey);
    return { ...verified, wabaId: SEED_WABA_ID };
  },
  webhookPath: () => "/webhooks/meta",
};

/**
 * 360dialog: the client's own key from its Hub (the stand-in's "Generate API Key" for the channel
 * of the emulator's verified number), pasted into Wharf, which registers its webhook with it.
 */
export const d360Fixture: ChannelFixture = {
  channel: "360dialog",
  async connect(w, apiKey) {
    const res = await fetch(`${w.url}/_meta/_emulator/360dialog/channels/${D360_SEED.channelIds[0]}/api-key`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (res.status !== 201) throw new Error(`the stand-in's Hub answered ${res.status}: ${await res.text()}`);
    const { apiKey: key } = (await res.json()) as { apiKey: string };
    const api = apiClient(w.url, apiKey);
    await ok(api.call("POST", "/v1/connection/360dialog", { apiKey: key }), "POST /v1/connection/360dialog");
    const numbers = (await ok(api.call("GET", "/v1/phone-numbers"), "GET /v1/phone-numbers")).data as Json[];
    const active = numbers.filter((n: Json) => n.active === true);
    if (active.length !== 1) throw new Error(`expected one active number, got ${JSON.stringify(numbers)}`);
    return { id: active[0].id, metaPhoneNumberId: active[0].metaPhoneNumberId, wabaId: SEED_WABA_ID };
  },
  webhookPath: (number) => `/webhooks/360dialog/${number.metaPhoneNumberId}`,
};

export const channelFixtures: ChannelFixture[] = [metaFixture, d360Fixture];
