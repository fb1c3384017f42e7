import { randomInt } from "node:crypto";
import { request } from "undici";
import { GraphError } from "../core/graph-error.js";
import { graphErrors } from "../core/meta-errors.js";

/**
 * Meta checks a callback URL before using it: `GET url?hub.mode=subscribe&hub.challenge=N
 * &hub.verify_token=T` must answer 200 with exactly N. Otherwise the override is refused.
 */
export async function verifyCallback(url: string, verifyToken: string, timeoutMs: number): Promise<void> {
  requireCallbackUrl(url);
  const challenge = String(randomInt(100_000_000, 2_000_000_000));
  const target = new URL(url);
  target.searchParams.set("hub.mode", "subscribe");
  target.searchParams.set("hub.challenge", challenge);
  target.searchParams.set("hub.verify_token", verifyToken);
  let problem: string;
  try {
    const res = await request(target, { method: "GET", headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    const body = (await res.body.text()).trim();
    if (res.statusCode === 200 && body === challenge) return;
    problem = `The URL answered HTTP ${res.statusCode} and did not echo hub.challenge`;
  } catch (error) {
    problem = `The URL couldn't be validated: ${error instanceof Error ? error.message : String(error)}`;
  }
  throw new GraphError(400, {
    message: `(#2200) Callback verification failed with the following errors: ${problem}`,
    type: "OAuthException",
    code: 2200,
  });
}

/**
 * Meta only calls HTTPS callbacks. Plain HTTP is let through for loopback hosts alone, so that
 * local receivers in tests and demos can be used as overrides.
 */
function requireCallbackUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw graphErrors.invalidParameter("Param override_callback_uri must be a valid URL.");
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback)) {
    throw graphErrors.invalidParameter("Param override_callback_uri must be an https URL.");
  }
}
