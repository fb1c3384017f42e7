import { ApiError, api } from "./api";
import type { ApiBody } from "./api/generated";
import type { Connection } from "./connection-api";
import { parseSignupMessage, type SignupMessage } from "./signup-message";

export { parseSignupMessage, type SignupMessage };

// Embedded Signup the way Meta's tech providers run it: Meta's JavaScript SDK opens its popup
// (FB.login with the Login for Business configuration, response_type "code", session info v3), the
// popup posts `WA_EMBEDDED_SIGNUP` messages to this window (FINISH with the WABA and number ids,
// FINISH_ONLY_WABA, CANCEL with the step the user left at, ERROR with Meta's message), and FB.login's
// callback brings the code. The code, the ids and our single-use state go to POST /v1/connection/connect.

/** What FB.init / FB.login take, where the SDK loads from, and whose popup messages (`origins`) are Meta's. */
export type EmbeddedSignupConfig = NonNullable<Connection["embeddedSignup"]>;

interface LoginResponse {
  status?: string;
  authResponse?: { code?: string } | null;
}
interface FacebookSdk {
  init(options: Record<string, unknown>): void;
  login(callback: (response: LoginResponse) => void, options: Record<string, unknown>): void;
}
declare global {
  interface Window {
    FB?: FacebookSdk;
  }
}

export type WabaChoice = { id: string; name: string | null };

export type SignupOutcome =
  | { kind: "connected"; connection: Connection }
  | { kind: "cancelled"; step?: string }
  | { kind: "error"; message: string; errorId?: string; sessionId?: string }
  | { kind: "choose"; state: string; wabas: WabaChoice[] };

let sdk: Promise<FacebookSdk> | undefined;

/** Loads the SDK once (its URL is the server's: Meta's in production, the emulator's in sandbox mode). */
export function loadSdk(config: EmbeddedSignupConfig): Promise<FacebookSdk> {
  sdk ??= new Promise<FacebookSdk>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = config.sdkUrl;
    script.async = true;
    script.crossOrigin = "anonymous";
    script.onload = () => {
      if (!window.FB) return reject(new Error("Meta's JavaScript SDK did not load."));
      window.FB.init({ appId: config.appId, cookie: true, xfbml: false, version: config.graphVersion });
      resolve(window.FB);
    };
    script.onerror = () => {
      sdk = undefined;
      reject(new Error("Meta's JavaScript SDK could not be loaded."));
    };
    document.head.appendChild(script);
  });
  return sdk;
}

/** The SDK if it has loaded: FB.login must run inside the click, or the browser blocks the popup. */
export const loadedSdk = (): FacebookSdk | undefined => window.FB;

const wabaChoices = (err: unknown): WabaChoice[] | undefined => {
  if (!(err instanceof ApiError) || err.code !== "WABA_CHOICE_REQUIRED") return undefined;
  const wabas = (err.data as { wabas?: unknown } | undefined)?.wabas;
  return Array.isArray(wabas) ? (wabas as WabaChoice[]) : [];
};

async function connect(body: ApiBody<"/v1/connection/connect", "post">): Promise<SignupOutcome> {
  try {
    return { kind: "connected", connection: await api("POST", "/v1/connection/connect", { body }) };
  } catch (err) {
    const wabas = wabaChoices(err);
    if (wabas && body.state) return { kind: "choose", state: body.state, wabas };
    throw err;
  }
}

/** The pick among several granted WABAs (the same state, no code); without a WABA it lists them. */
export const chooseWaba = (state: string, wabaId?: string): Promise<SignupOutcome> =>
  connect(wabaId ? { state, wabaId } : { state });

/**
 * Runs the popup to its end. Call it from the click handler with the loaded SDK. The callback and
 * Meta's message come in either order: after the callback, a moment is left for the message.
 */
export function runEmbeddedSignup(fb: FacebookSdk, config: EmbeddedSignupConfig): Promise<SignupOutcome> {
  let message: SignupMessage | undefined;
  let heard: () => void = () => undefined;
  const onMessage = (event: MessageEvent) => {
    const parsed = parseSignupMessage(event.origin, event.data, config.origins);
    if (!parsed) return;
    message = parsed;
    heard();
  };
  window.addEventListener("message", onMessage);
  const login = new Promise<LoginResponse>((resolve) =>
    fb.login(resolve, {
      config_id: config.configId,
      response_type: "code",
      override_default_response_type: true,
      extras: { setup: {}, sessionInfoVersion: "3" },
    }),
  );
  const prepared = api("POST", "/v1/connection/prepare", { body: { popup: true } });
  // Awaited only when a code came back; a cancel must not leave its failure unhandled.
  prepared.catch(() => undefined);
  const settle = async (): Promise<SignupOutcome> => {
    const response = await login;
    if (!message) await new Promise<void>((resolve) => ((heard = resolve), setTimeout(resolve, 1500)));
    const code = response.authResponse?.code;
    const said = message;
    if (said?.event === "ERROR")
      return { kind: "error", message: said.message, errorId: said.errorId, sessionId: said.sessionId };
    if (!code) return { kind: "cancelled", step: said?.event === "CANCEL" ? said.step : undefined };
    const { state } = await prepared;
    const ids = said && "wabaId" in said ? said : undefined;
    return connect({
      code,
      state,
      ...(ids?.wabaId ? { wabaId: ids.wabaId } : {}),
      ...(ids?.phoneNumberId ? { phoneNumberId: ids.phoneNumberId } : {}),
    });
  };
  return settle().finally(() => window.removeEventListener("message", onMessage));
}
