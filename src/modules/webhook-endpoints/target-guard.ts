import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

/**
 * Endpoints are chosen by tenants, and Wharf posts to them from inside its own network: an address
 * on the loopback, a private range, link-local (cloud metadata at 169.254.169.254) or the
 * unspecified address would let a tenant reach what only Wharf should. Outside sandbox mode such
 * targets are refused, checked on the addresses the name resolves to when the delivery is made.
 */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split(".").map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  const v6 = ip.toLowerCase();
  return v6 === "::" || v6 === "::1" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe8") || v6.startsWith("fe9") || v6.startsWith("fea") || v6.startsWith("feb") || v6.startsWith("ff");
}

/** Null when the URL may be posted to; otherwise why not. */
export async function refusedTarget(url: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return null; // cannot resolve now: the request itself will fail and be retried
  }
  const bad = addresses.find(isPrivateAddress);
  return bad ? `refused: ${host} is a private or local address (${bad})` : null;
}
