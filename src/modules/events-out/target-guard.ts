import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Endpoints are chosen by tenants, and Wharf posts to them from inside its own network: loopback,
 * private ranges, link-local (cloud metadata at 169.254.169.254) and every other special range would
 * let a tenant reach what only Wharf should. Outside sandbox mode only public unicast addresses pass,
 * classified by ipaddr.js rather than by hand, with IPv4 embedded in IPv6 (mapped, NAT64, 6to4,
 * Teredo) unwrapped and classified too. The name is resolved once, in the lookup of the socket that
 * is then opened to exactly the vetted address, so a resolver cannot answer "public" to the check
 * and "loopback" to the connection. A name that cannot be resolved is refused, not waved through.
 */

export interface TargetPolicy {
  /** Sandbox mode: tenants test against 127.0.0.1, so private and local addresses are allowed. */
  allowPrivate: boolean;
  /** Wharf's own server (sandbox mode): nothing may be posted under its /_meta (the emulator's control API). */
  ownOrigin: { port: number; publicUrl: string } | null;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Thrown from the socket's lookup; the delivery worker finds it as the fetch error's cause. */
export class TargetRefusedError extends Error {
  readonly code = "ETARGETREFUSED";
  /** A name that did not resolve may resolve later; a private address stays private. */
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "TargetRefusedError";
  }
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");
const NAT64_WELL_KNOWN = ipaddr.parseCIDR("64:ff9b::/96");

const v4From = (hi: number, lo: number) =>
  ipaddr.fromByteArray([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]) as ipaddr.IPv4;

/** The IPv4 addresses an IPv6 address carries, when it is one of the forms that tunnel or translate to IPv4. */
function embeddedV4(v6: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const p = v6.parts;
  switch (v6.range()) {
    case "ipv4Mapped":
    case "rfc6145":
      return [v4From(p[6]!, p[7]!)];
    case "rfc6052":
      // Only the well-known /96 has a fixed place for the address; the local-use /48 is a private network.
      return v6.match(NAT64_WELL_KNOWN) ? [v4From(p[6]!, p[7]!)] : [];
    case "6to4":
      return [v4From(p[1]!, p[2]!)];
    case "teredo":
      // The server in the prefix, the client obfuscated (inverted) in the last 32 bits.
      return [v4From(p[2]!, p[3]!), v4From(~p[6]! & 0xffff, ~p[7]! & 0xffff)];
    default:
      return null;
  }
}

/** Null when the address is public unicast; otherwise the range that refuses it. */
export function addressRefusal(ip: string): string | null {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip.replace(/^\[|\]$/g, ""));
  } catch {
    return "not an IP address";
  }
  if (addr.kind() === "ipv4") return addr.range() === "unicast" ? null : addr.range();
  const v6 = addr as ipaddr.IPv6;
  const embedded = embeddedV4(v6);
  if (embedded) {
    if (embedded.length === 0) return v6.range();
    const bad = embedded.find((v4) => v4.range() !== "unicast");
    return bad ? `${v6.range()} of ${bad.toString()} (${bad.range()})` : null;
  }
  if (v6.match(IPV4_COMPATIBLE)) return "ipv4Compatible";
  if (v6.range() !== "unicast") return v6.range();
  return v6.match(GLOBAL_UNICAST_V6) ? null : "not global unicast";
}

const bareHost = (hostname: string) =>
  hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.+$/, "")
    .toLowerCase();
const isLocalName = (host: string) =>
  host === "localhost" || host.endsWith(".localhost") || host === "localhost.localdomain";

/** The path as a router might see it after any amount of percent-decoding, dot segments resolved, lower case. */
function routedPaths(pathname: string): string[] {
  const seen = new Set<string>();
  let p = pathname;
  for (let i = 0; i < 4; i++) {
    const normal = new URL(p.replace(/\\/g, "/").replace(/\/{2,}/g, "/"), "http://x").pathname.toLowerCase();
    seen.add(normal);
    let decoded: string;
    try {
      decoded = decodeURIComponent(normal);
    } catch {
      break;
    }
    if (decoded === normal) break;
    p = decoded.startsWith("/") ? decoded : `/${decoded}`;
  }
  return [...seen];
}

const portOf = (u: URL) => Number(u.port || (u.protocol === "https:" ? 443 : 80));

function isOwnMetaPath(u: URL, own: NonNullable<TargetPolicy["ownOrigin"]>): boolean {
  const underMeta = routedPaths(u.pathname).some(
    (p) => p === "/_meta" || p.startsWith("/_meta/") || p.startsWith("/_meta;"),
  );
  if (!underMeta) return false;
  // Any host on our port may be us (a LAN address, a name pointing here), so the port alone decides;
  // behind a proxy, our public origin is us as well.
  const pub = new URL(own.publicUrl);
  return portOf(u) === own.port || (bareHost(u.hostname) === bareHost(pub.hostname) && portOf(u) === portOf(pub));
}

/** What can be decided from the URL alone (no DNS): scheme, our own /_meta, local names, literal addresses. */
export function urlRefusal(url: string, policy: TargetPolicy): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "refused: not a valid URL";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return "refused: only http and https URLs can receive events";
  if (policy.ownOrigin && isOwnMetaPath(u, policy.ownOrigin))
    return "refused: that is Wharf's own emulator (/_meta), not an endpoint of yours";
  if (policy.allowPrivate) return null;
  const host = bareHost(u.hostname);
  if (isLocalName(host)) return `refused: ${host} is a private or local address (loopback name)`;
  if (isIP(host)) {
    const why = addressRefusal(host);
    if (why) return `refused: ${host} is a private or local address (${why})`;
  }
  return null;
}

/** Resolves a name once and vets every address it has; throws TargetRefusedError when any is refused. */
async function vetName(hostname: string, policy: TargetPolicy, resolve: Resolve): Promise<ResolvedAddress[]> {
  const host = bareHost(hostname);
  if (isIP(host)) return [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    const code = (err as { code?: string }).code ?? "no answer";
    throw new TargetRefusedError(`refused: ${host} could not be resolved (${code}); check the host name`, true);
  }
  if (addresses.length === 0)
    throw new TargetRefusedError(`refused: ${host} has no address; check the host name`, true);
  if (policy.allowPrivate) return addresses;
  for (const a of addresses) {
    const why = addressRefusal(a.address);
    if (why)
      throw new TargetRefusedError(`refused: ${host} is a private or local address (${a.address}: ${why})`, false);
  }
  return addresses;
}

export interface TargetGuard {
  /** At creation: the URL checks and one resolution; null when the URL may receive events. */
  check(url: string): Promise<string | null>;
  /** At delivery, before connecting: the checks that need no DNS (the socket's lookup does the rest). */
  checkUrl(url: string): string | null;
  /** For the delivery socket: resolves once, refuses unless every address passes, connects to those. */
  lookup: LookupFunction;
}

export function createTargetGuard(policy: TargetPolicy, resolve: Resolve = systemResolve): TargetGuard {
  const lookup: LookupFunction = (hostname, options, callback) => {
    vetName(hostname, policy, resolve).then(
      (all) => {
        const family = typeof options === "object" && options ? options.family : undefined;
        const wanted =
          family === 4 || family === 6 || family === "IPv4" || family === "IPv6"
            ? all.filter((a) => a.family === (family === 4 || family === "IPv4" ? 4 : 6))
            : all;
        if (wanted.length === 0)
          return callback(
            new TargetRefusedError(`refused: ${hostname} has no address of the family asked for`, true),
            "",
            4,
          );
        if (typeof options === "object" && options?.all)
          return (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, "", 4),
    );
  };
  return {
    checkUrl: (url) => urlRefusal(url, policy),
    async check(url) {
      const refused = urlRefusal(url, policy);
      if (refused || policy.allowPrivate) return refused;
      try {
        await vetName(new URL(url).hostname, policy, resolve);
        return null;
      } catch (err) {
        if (err instanceof TargetRefusedError) return err.message;
        throw err;
      }
    },
    lookup,
  };
}
