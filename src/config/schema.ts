import { z } from "zod";

// One schema per section. Each reads its own variables from the environment object it is given;
// nothing outside src/config/ touches process.env.

const port = z.coerce.number().int().min(0).max(65535);
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

export const serverSchema = z.object({
  PORT: port.default(8080),
  WHARF_HOST: z.string().min(1).optional(),
  WHARF_PUBLIC_URL: httpUrl.optional(),
  WHARF_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WHARF_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  // On SIGTERM, how long /readyz answers 503 before the listener closes, so a load balancer stops
  // sending new requests first. Only a process that serves HTTP traffic waits (serve, start).
  WHARF_SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(5_000),
  // `wharf worker` has no API port; /healthz, /readyz and /metrics are served on this one.
  WHARF_WORKER_PORT: port.default(8081),
  // Whom to believe about the client's address (X-Forwarded-For): nobody by default, since any
  // client can send the header; "true" (every hop), a hop count, or proxy addresses/CIDRs.
  WHARF_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx): boolean | number | string[] => {
      if (v === undefined || v === "false") return false;
      if (v === "true") return true;
      if (/^\d+$/.test(v)) return Number(v);
      const list = v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (list.every((a) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a))) return list;
      ctx.addIssue({
        code: "custom",
        message: "must be true, false, a hop count, or a comma-separated list of proxy addresses/CIDRs",
      });
      return z.NEVER;
    }),
});

export const databaseSchema = z.object({
  DATABASE_URL: z
    .string()
    .refine((v) => isPostgresUrl(v), { message: "must be a postgres:// or postgresql:// URL with a host" })
    .optional(),
  WHARF_DATA_DIR: z.string().min(1).default("./data"),
  WHARF_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

const masterKey = z.string().refine((v) => Buffer.from(v, "base64").length === 32 && /^[A-Za-z0-9+/=_-]+$/.test(v), {
  message: "must be 32 random bytes, base64-encoded (openssl rand -base64 32)",
});

export const securitySchema = z.object({
  WHARF_MASTER_KEY: masterKey.optional(),
  WHARF_PREVIOUS_MASTER_KEYS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(masterKey)),
  WHARF_ADMIN_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  WHARF_SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
});

export const metaSchema = z.object({
  WHARF_META_APP_ID: z.string().regex(/^\d+$/, "must be the numeric Meta app id").optional(),
  WHARF_META_APP_SECRET: z.string().min(16, "must be the Meta app secret").optional(),
  WHARF_META_VERIFY_TOKEN: z.string().min(8, "must be at least 8 characters").optional(),
  WHARF_META_CONFIG_ID: z.string().optional(),
  // appsecret_proof on every call made with a workspace's token: what Meta demands of apps with
  // "Require App Secret" on, harmless for the others. On unless set to false.
  WHARF_META_APPSECRET_PROOF: z.enum(["true", "false"]).default("true"),
  WHARF_GRAPH_URL: httpUrl.default("https://graph.facebook.com"),
  WHARF_META_DIALOG_URL: httpUrl.default("https://www.facebook.com"),
  // Embedded Signup's popup runs in Meta's JavaScript SDK; the dashboard loads it from here.
  WHARF_META_SDK_URL: httpUrl.default("https://connect.facebook.net/en_US/sdk.js"),
  WHARF_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v23.0")
    .default("v23.0"),
  WHARF_GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
});

/**
 * 360dialog ("connect by yourself", docs/channels.md): its Cloud API, its Partner API and the
 * Connect page. The partner id and key are only needed for the Connect button flow; a pasted
 * channel key works without them. Sandbox mode points all three at the emulator's stand-in.
 */
export const d360Schema = z.object({
  WHARF_D360_URL: httpUrl.default("https://waba-v2.360dialog.io"),
  WHARF_D360_HUB_URL: httpUrl.default("https://hub.360dialog.io/api/v2"),
  WHARF_D360_CONNECT_URL: httpUrl.default("https://hub.360dialog.com/dashboard"),
  WHARF_D360_PARTNER_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be your 360dialog partner id")
    .optional(),
  WHARF_D360_PARTNER_API_KEY: z.string().min(8, "must be your 360dialog Partner API key").optional(),
});

export const jobsSchema = z.object({
  WHARF_JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  WHARF_JOBS_POLL_MS: z.coerce.number().int().min(10).default(200),
  WHARF_JOBS_LEASE_MS: z.coerce.number().int().min(1000).default(30_000),
  // Sends a dead worker left without a recorded answer wait this long for Meta's status before a resend.
  WHARF_SEND_DOUBT_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
});

export const catalogSchema = z.object({
  // The scheduled catalog sync (every catalog with products); changes and "Sync now" run it sooner.
  WHARF_CATALOG_SYNC_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
  // A product change waits this long for more changes before its sync runs.
  WHARF_CATALOG_SYNC_DEBOUNCE_MS: z.coerce.number().int().min(0).default(2_000),
  // Between two polls of an items_batch handle Meta is still processing.
  WHARF_CATALOG_POLL_MS: z.coerce.number().int().min(10).default(2_000),
  // Requests per items_batch call: Meta takes at most 5,000.
  WHARF_CATALOG_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(5000),
});

export const modeSchema = z.object({
  WHARF_MODE: z.enum(["sandbox", "production"]).optional(),
});

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
