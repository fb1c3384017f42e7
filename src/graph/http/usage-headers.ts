/**
 * Graph's usage headers. Meta throttles management calls per business use case and reports the
 * budget consumed in `X-Business-Use-Case-Usage` (keyed by business/WABA id) and app-wide in
 * `X-App-Usage`; percentages approach 100 before codes 4 / 80007 start. A malformed header is
 * ignored rather than failing an otherwise good response.
 */

export interface BusinessUseCaseUsage {
  type: string;
  call_count: number;
  total_cputime: number;
  total_time: number;
  /** Minutes until calls are accepted again; 0 when not throttled. */
  estimated_time_to_regain_access: number;
}

export interface AppUsage {
  call_count: number;
  total_cputime: number;
  total_time: number;
}

export interface GraphUsage {
  /** Keyed by business / WABA id. */
  businessUseCase?: Record<string, BusinessUseCaseUsage[]>;
  app?: AppUsage;
}

type HeaderSource = Pick<Headers, "get">;

function parseJson(text: string | null): unknown {
  if (text === null || text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function parseBuc(raw: unknown): Record<string, BusinessUseCaseUsage[]> | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const out: Record<string, BusinessUseCaseUsage[]> = {};
  for (const [id, entries] of Object.entries(raw)) {
    if (!Array.isArray(entries)) continue;
    out[id] = entries
      .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
      .map((e) => ({
        type: typeof e.type === "string" ? e.type : "unknown",
        call_count: num(e.call_count),
        total_cputime: num(e.total_cputime),
        total_time: num(e.total_time),
        estimated_time_to_regain_access: num(e.estimated_time_to_regain_access),
      }));
  }
  return out;
}

function parseApp(raw: unknown): AppUsage | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  return { call_count: num(r.call_count), total_cputime: num(r.total_cputime), total_time: num(r.total_time) };
}

export function parseUsageHeaders(headers: HeaderSource): GraphUsage {
  const usage: GraphUsage = {};
  const buc = parseBuc(parseJson(headers.get("x-business-use-case-usage")));
  if (buc) usage.businessUseCase = buc;
  const app = parseApp(parseJson(headers.get("x-app-usage")));
  if (app) usage.app = app;
  return usage;
}

/** The longest `estimated_time_to_regain_access` across all use cases, in ms (undefined if none). */
export function regainAccessMs(usage: GraphUsage): number | undefined {
  let minutes = 0;
  for (const entries of Object.values(usage.businessUseCase ?? {})) {
    for (const e of entries) minutes = Math.max(minutes, e.estimated_time_to_regain_access);
  }
  return minutes > 0 ? minutes * 60_000 : undefined;
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `nowMs`. */
export function retryAfterHeaderMs(headers: HeaderSource, nowMs: number): number | undefined {
  const raw = headers.get("retry-after");
  if (raw === null || raw.trim() === "") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
