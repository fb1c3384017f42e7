import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../http/retry.js";
import { fastFetch } from "../http/fast-fetch.js";
import { createTransport, type GraphCallObservation } from "../http/transport.js";
import { createCatalogApi } from "./catalog.js";
import { createMediaApi } from "./media.js";
import { createMessagesApi } from "./messages.js";
import { createOAuthApi } from "./oauth.js";
import { createPhoneNumbersApi } from "./phone-numbers.js";
import { createUploadsApi } from "./uploads.js";
import { createWabasApi } from "./wabas.js";

/**
 * The typed Graph client. It holds no token: every call takes the token of the tenant it acts
 * for, so one client serves every workspace. Network, time and randomness are injected so tests
 * can point it at a local server and run retries instantly and deterministically.
 */

export interface GraphClientOptions {
  /** `https://graph.facebook.com`, or the emulator, e.g. `http://127.0.0.1:8080/_meta`. */
  baseUrl: string;
  /** Graph version path segment, e.g. `v23.0`. */
  version: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Applies to reads (GET) only; sends and other mutations are never retried. */
  retry?: Partial<RetryPolicy>;
  /** Per HTTP attempt. Default 30 s. */
  timeoutMs?: number;
  userAgent?: string;
  /**
   * The app secret, when every call made with a user or system-user token must carry
   * `appsecret_proof` (the app's "Require App Secret" setting). App tokens never do.
   */
  appSecret?: string;
  /** Extra `host[:port]`s that media downloads may send the token to (besides Meta's and baseUrl). */
  mediaDownloadHosts?: readonly string[];
  /** Told of every call's end, with its outcome (the composition root counts them in /metrics). */
  onCall?: (observation: GraphCallObservation) => void;
}

export function createGraphClient(options: GraphClientOptions) {
  if (!/^v\d+\.\d+$/.test(options.version))
    throw new TypeError(`Invalid Graph version "${options.version}" (expected e.g. v23.0)`);
  const baseUrl = new URL(options.baseUrl); // throws early on a malformed URL
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const deps = {
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  const transport = createTransport({
    baseUrl: baseUrl.toString(),
    version: options.version,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    ...(options.fetch ? {} : { hotFetch: fastFetch() }),
    retry,
    timeoutMs: options.timeoutMs ?? 30_000,
    userAgent: options.userAgent ?? "wharf/0.1.0",
    now: options.now ?? Date.now,
    ...(options.onCall ? { onCall: options.onCall } : {}),
    ...(options.appSecret ? { appSecret: options.appSecret } : {}),
    ...deps,
  });
  return {
    oauth: createOAuthApi(transport),
    wabas: createWabasApi(transport),
    phoneNumbers: createPhoneNumbersApi(transport),
    messages: createMessagesApi(transport),
    media: createMediaApi(transport, options.mediaDownloadHosts),
    uploads: createUploadsApi(transport, retry, deps),
    catalog: createCatalogApi(transport),
  };
}

export type GraphClient = ReturnType<typeof createGraphClient>;
