import { GraphError } from "../core/graph-error.js";

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

export function faultError(fault: Fault): GraphError {
  const status = fault.status ?? 500;
  const fallback = DEFAULTS[status] ?? { code: 1, title: "An unknown error occurred", transient: status >= 500 };
  const code = fault.code ?? fallback.code;
  return new GraphError(status, {
    message: fault.message ?? `(#${code}) ${fallback.title}`,
    type: "OAuthException",
    code,
    ...(fault.subcode !== undefined ? { error_subcode: fault.subcode } : {}),
    is_transient: fallback.transient,
    error_data: { messaging_product: "whatsapp", details: "Injected by the emulator's fault API" },
  });
}
