import { GraphError } from "../core/graph-error.js";
import { bucHeader } from "../core/buc-usage.js";

/**
 * Injected failures and latency (`POST /_emulator/faults`). A fault matches a method and a
 * path pattern relative to the emulator's root, where `*` matches one path segment and `**`
 * anything (a star in place of the number id hits every number's sends). Error faults fire
 * `count` times (default 1); latency-only faults stay until reset. `cutAfterBytes` drops a resumable-upload connection after that many
 * bytes, so the session's `file_offset` stops where the bytes did.
 */
export interface FaultSpec {
  method?: string;
  path?: string;
  status?: number;
  code?: number;
  subcode?: number;
  message?: string;
  count?: number;
  latencyMs?: number;
  cutAfterBytes?: number;
  /** For 80007/80008: the `estimated_time_to_regain_access` (minutes) its usage header gives; default 1. */
  regainAccessMinutes?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  remaining: number;
  hits: number;
}

export class FaultRegistry {
  private faults: (Fault & { pattern: RegExp })[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const isError = spec.status !== undefined;
    const defaultCount = isError || spec.cutAfterBytes !== undefined ? 1 : Number.POSITIVE_INFINITY;
    const fault = {
      ...spec,
      method: spec.method?.toUpperCase(),
      id: this.nextId++,
      remaining: spec.count ?? defaultCount,
      hits: 0,
      pattern: toPattern(spec.path ?? "/**"),
    };
    this.faults.push(fault);
    return publicView(fault);
  }

  /** The first live fault for this request (not upload cuts), consuming one use of it. */
  take(method: string, path: string): Fault | undefined {
    return this.consume((f) => f.cutAfterBytes === undefined, method, path);
  }

  takeCut(method: string, path: string): Fault | undefined {
    return this.consume((f) => f.cutAfterBytes !== undefined, method, path);
  }

  isEmpty(): boolean {
    return this.faults.length === 0;
  }

  list(): Fault[] {
    return this.faults.map(publicView);
  }

  clear(): void {
    this.faults = [];
  }

  private consume(kind: (f: Fault) => boolean, method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => kind(f) && f.remaining > 0 && (!f.method || f.method === method) && f.pattern.test(path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return publicView(fault);
  }
}

function publicView(fault: Fault & { pattern?: RegExp }): Fault {
  const { pattern: _pattern, ...rest } = fault;
  return rest;
}

function toPattern(path: string): RegExp {
  const escaped = path.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  // `**` crosses slashes, `*` does not.
  const source = escaped
    .split("**")
    .map((part) => part.replace(/\*/g, "[^/]*"))
    .join(".*");
  return new RegExp(`^${source}$`);
}

/** Default Meta codes per HTTP status, from the Cloud API error table. */
const DEFAULTS: Record<number, { code: number; title: string; transient: boolean }> = {
  400: { code: 100, title: "Invalid parameter", transient: false },
  401: { code: 190, title: "Invalid OAuth access token", transient: false },
  403: { code: 10, title: "Application does not have permission for this action", transient: false },
  404: { code: 100, title: "Invalid parameter", transient: false },
  429: { code: 4, title: "Application request limit reached", transient: true },
  500: { code: 131000, title: "Something went wrong", transient: true },
  503: { code: 2, title: "Service temporarily unavailable", transient: true },
};

/**
 * The WhatsApp business-account throttles. 80007 is "Rate limit issues" in the Cloud API's error
 * table; 80008 is listed with it as a WhatsApp business account throttle (platform-facts.md), worded
 * the way Graph's business-use-case errors are ("There have been too many calls ... Wait a bit and
 * try again", Graph "Rate Limiting"). Both come with `x-business-use-case-usage` telling the wait.
 */
const BUC_THROTTLES: Record<number, string> = {
  80007: "Rate limit issues",
  80008: "There have been too many calls to this WhatsApp Business account. Wait a bit and try again.",
};

/** `owner`: the WABA the call is about, which keys a throttle's usage header. */
export function faultError(fault: Fault, owner?: string): GraphError {
  const status = fault.status ?? 500;
  const fallback = DEFAULTS[status] ?? { code: 1, title: "An unknown error occurred", transient: status >= 500 };
  const code = fault.code ?? fallback.code;
  const throttle = BUC_THROTTLES[code];
  const headers: Record<string, string> = {};
  if (throttle !== undefined && owner !== undefined) {
    headers["x-business-use-case-usage"] = bucHeader(owner, {
      type: "whatsapp_business_management",
      call_count: 100,
      total_cputime: 100,
      total_time: 100,
      estimated_time_to_regain_access: fault.regainAccessMinutes ?? 1,
    });
  }
  return new GraphError(
    status,
    {
      message: fault.message ?? `(#${code}) ${throttle ?? fallback.title}`,
      type: "OAuthException",
      code,
      ...(fault.subcode !== undefined ? { error_subcode: fault.subcode } : {}),
      is_transient: fallback.transient,
      error_data: { messaging_product: "whatsapp", details: "Injected by the emulator's fault API" },
    },
    headers,
  );
}
