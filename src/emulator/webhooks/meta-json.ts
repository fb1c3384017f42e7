import { signWebhookBody } from "../../graph/index.js";

/**
 * The bytes Meta posts: JSON with every non-ASCII character escaped as `\uXXXX` and `/`
 * escaped as `\/`. A receiver that re-serialises the parsed body before hashing gets a
 * different digest, which is why Meta says to hash the raw request body.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `X-Hub-Signature-256` value over the exact bytes sent, keyed by the app secret (graph's signer). */
export function hubSignature(rawBody: string | Buffer, appSecret: string): string {
  return signWebhookBody(rawBody, appSecret);
}
