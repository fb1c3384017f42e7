import { startEmulatorServer, type EmulatorOptions, type EmulatorServer } from "../../../src/emulator/index.js";
import { SEED_IDS, SEED_PINS } from "../../../src/emulator/index.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";
import type { Json } from "../../support/json.js";

export { SEED_IDS, SEED_PINS };
export const V = "v23.0";
export const REDIRECT = "http://localhost:3000/oauth/meta/callback";

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

export interface Harness {
  server: EmulatorServer;
  receiver: WebhookReceiver;
  url: string;
  /** A Graph call over real HTTP: `path` is relative to the emulator root, e.g. `/v23.0/me`. */
  call(
    method: string,
    path: string,
    init?: {
      token?: string;
      json?: unknown;
      form?: Record<string, string>;
      headers?: Record<string, string>;
      body?: NonNullable<RequestInit["body"]>;
    },
  ): Promise<Reply>;
  control(method: string, path: string, json?: unknown): Promise<Reply>;
  /** Dialog approve + code exchange; `declined` lists permissions the user unticks. */
  login(opts?: { declined?: string[]; configId?: string }): Promise<string>;
  /** A token, both numbers registered and the app subscribed to the WABA. */
  connected(): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  let secret = "";
  const receiver = await startWebhookReceiver(() => secret);
  const server = await startEmulatorServer({
    port: 0,
    appSecret: "emulator-test-secret",
    webhookUrl: receiver.url,
    redirectUris: [REDIRECT],
    webhookRetry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 4 },
    ...options,
  });
  secret = server.appSecret;
  const url = server.url;

  const call: Harness["call"] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers["authorization"] = `Bearer ${init.token}`;
    let body: RequestInit["body"] = init.body;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(`${url}${path}`, { method, headers, body, redirect: "manual" });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  const login: Harness["login"] = async (opts = {}) => {
    const form: Record<string, string> = {
      client_id: server.appId,
      redirect_uri: REDIRECT,
      state: "st-1",
      config_id: opts.configId ?? "cfg-1",
      response_type: "code",
      action: "continue",
    };
    for (const p of opts.declined ?? []) form[`decline_${p}`] = "1";
    const approve = await call("POST", `/${V}/dialog/oauth/approve`, { form });
    if (approve.status !== 302) throw new Error(`approve failed: ${approve.status} ${approve.text}`);
    const code = new URL(approve.headers.get("location")!).searchParams.get("code")!;
    const q = new URLSearchParams({
      client_id: server.appId,
      client_secret: server.appSecret,
      code,
      redirect_uri: REDIRECT,
    });
    const exchange = await call("GET", `/${V}/oauth/access_token?${q}`);
    if (exchange.status !== 200) throw new Error(`exchange failed: ${exchange.text}`);
    return exchange.body.access_token as string;
  };

  const control: Harness["control"] = (method, path, json) =>
    call(method, `/_emulator${path}`, json === undefined ? {} : { json });

  return {
    server,
    receiver,
    url,
    call,
    control,
    login,
    async connected() {
      const token = await login();
      for (const [id, pin] of [
        [SEED_IDS.verifiedPhoneNumberId, SEED_PINS.verified],
        [SEED_IDS.unverifiedPhoneNumberId, SEED_PINS.unverified],
      ] as const) {
        const r = await call("POST", `/${V}/${id}/register`, { token, json: { messaging_product: "whatsapp", pin } });
        if (r.status !== 200) throw new Error(`register failed: ${r.text}`);
      }
      const s = await call("POST", `/${V}/${SEED_IDS.wabaId}/subscribed_apps`, { token });
      if (s.status !== 200) throw new Error(`subscribe failed: ${s.text}`);
      return token;
    },
    async close() {
      await server.close();
      await receiver.close();
    },
  };
}

/** A text send body in Meta's wire format. */
export function textTo(to: string, body = "hello"): Record<string, unknown> {
  return { messaging_product: "whatsapp", recipient_type: "individual", to, type: "text", text: { body } };
}

/**
 * An upload session id (`upload:<base64>?sig=<base64>`) as a URL path: the emulator's ids carry
 * `+`, `/` and `=` like Meta's can; `/` is escaped so the id stays one segment, the rest verbatim.
 */
export function uploadPath(sessionId: string): string {
  const at = sessionId.indexOf("?");
  const id = at < 0 ? sessionId : sessionId.slice(0, at);
  return `/${V}/${id.replaceAll("/", "%2F")}${at < 0 ? "" : sessionId.slice(at)}`;
}
