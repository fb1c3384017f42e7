import { type z } from "zod";
import {
  catalogSchema,
  d360Schema,
  databaseSchema,
  jobsSchema,
  metaSchema,
  modeSchema,
  securitySchema,
  serverSchema,
} from "./schema.js";

export type Mode = "sandbox" | "production";

export interface Config {
  mode: Mode;
  server: {
    port: number;
    host: string;
    publicUrl: string;
    logLevel: string;
    shutdownGraceMs: number;
    /** SIGTERM: /readyz fails this long before the HTTP listener closes (serve and start roles). */
    shutdownDrainMs: number;
    /** Where `wharf worker` serves /healthz, /readyz and /metrics (0: any free port). */
    workerPort: number;
    trustProxy: boolean | number | string[];
  };
  database: { url: string | null; dataDir: string; poolSize: number };
  security: {
    /** null only in sandbox mode, where the key lives in the data folder (see platform/crypto). */
    masterKey: string | null;
    previousMasterKeys: string[];
    adminToken: string | null;
    sessionTtlMs: number;
  };
  meta: {
    appId: string | null;
    appSecret: string | null;
    verifyToken: string | null;
    configId: string | null;
    /** Send `appsecret_proof` with every call made with a user or system-user token. */
    appSecretProof: boolean;
    graphUrl: string;
    dialogUrl: string;
    sdkUrl: string;
    graphVersion: string;
    /** How long a Graph call waits for Meta's answer; a send without one is held as `unknown`. */
    graphTimeoutMs: number;
  };
  /** 360dialog's APIs (docs/channels.md); `partner` only when the Connect button flow is configured. */
  d360: {
    url: string;
    hubUrl: string;
    connectUrl: string;
    partner: { id: string; apiKey: string } | null;
  };
  jobs: { concurrency: number; pollMs: number; leaseMs: number; sendDoubtGraceMs: number };
  catalog: { syncIntervalMs: number; debounceMs: number; pollMs: number; batchSize: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const sections = {
  server: serverSchema,
  database: databaseSchema,
  security: securitySchema,
  meta: metaSchema,
  d360: d360Schema,
  jobs: jobsSchema,
  catalog: catalogSchema,
  mode: modeSchema,
};

/** Every environment variable Wharf reads (the deployment files are checked against this list). */
export const CONFIG_VARIABLES: readonly string[] = Object.values(sections).flatMap((schema) =>
  Object.keys(schema.shape),
);

/** Reads and validates every section at once, so the operator sees all problems in one run. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(sections)) {
    const result = (schema as z.ZodType).safeParse(blankToUndefined(env));
    if (result.success) parsed[name] = result.data;
    else for (const issue of result.error.issues) problems.push(`${issue.path.join(".") || name}: ${issue.message}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const server = parsed.server as z.infer<typeof serverSchema>;
  const database = parsed.database as z.infer<typeof databaseSchema>;
  const security = parsed.security as z.infer<typeof securitySchema>;
  const meta = parsed.meta as z.infer<typeof metaSchema>;
  const d360 = parsed.d360 as z.infer<typeof d360Schema>;
  const jobs = parsed.jobs as z.infer<typeof jobsSchema>;
  const catalog = parsed.catalog as z.infer<typeof catalogSchema>;
  const mode: Mode =
    (parsed.mode as z.infer<typeof modeSchema>).WHARF_MODE ?? (meta.WHARF_META_APP_ID ? "production" : "sandbox");

  if (mode === "production") {
    const required: Array<[string, unknown]> = [
      ["WHARF_MASTER_KEY", security.WHARF_MASTER_KEY],
      ["WHARF_ADMIN_TOKEN", security.WHARF_ADMIN_TOKEN],
      ["WHARF_META_APP_ID", meta.WHARF_META_APP_ID],
      ["WHARF_META_APP_SECRET", meta.WHARF_META_APP_SECRET],
      ["WHARF_META_VERIFY_TOKEN", meta.WHARF_META_VERIFY_TOKEN],
      ["WHARF_PUBLIC_URL", server.WHARF_PUBLIC_URL],
    ];
    for (const [name, value] of required)
      if (value === undefined) problems.push(`${name}: required in production mode`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  // Sandbox prints a demo login: keep it on loopback unless the operator says otherwise.
  const host = server.WHARF_HOST ?? (mode === "sandbox" ? "127.0.0.1" : "0.0.0.0");
  return {
    mode,
    server: {
      port: server.PORT,
      host,
      publicUrl: (server.WHARF_PUBLIC_URL ?? `http://localhost:${server.PORT}`).replace(/\/+$/, ""),
      logLevel: server.WHARF_LOG_LEVEL,
      shutdownGraceMs: server.WHARF_SHUTDOWN_GRACE_MS,
      shutdownDrainMs: server.WHARF_SHUTDOWN_DRAIN_MS,
      workerPort: server.WHARF_WORKER_PORT,
      trustProxy: server.WHARF_TRUST_PROXY,
    },
    database: {
      url: database.DATABASE_URL ?? null,
      dataDir: database.WHARF_DATA_DIR,
      poolSize: database.WHARF_DB_POOL_SIZE,
    },
    security: {
      masterKey: security.WHARF_MASTER_KEY ?? null,
      previousMasterKeys: security.WHARF_PREVIOUS_MASTER_KEYS,
      adminToken: security.WHARF_ADMIN_TOKEN ?? null,
      sessionTtlMs: security.WHARF_SESSION_TTL_HOURS * 3_600_000,
    },
    meta: {
      appId: meta.WHARF_META_APP_ID ?? null,
      appSecret: meta.WHARF_META_APP_SECRET ?? null,
      verifyToken: meta.WHARF_META_VERIFY_TOKEN ?? null,
      configId: meta.WHARF_META_CONFIG_ID ?? null,
      appSecretProof: meta.WHARF_META_APPSECRET_PROOF === "true",
      graphUrl: meta.WHARF_GRAPH_URL.replace(/\/+$/, ""),
      dialogUrl: meta.WHARF_META_DIALOG_URL.replace(/\/+$/, ""),
      sdkUrl: meta.WHARF_META_SDK_URL,
      graphVersion: meta.WHARF_GRAPH_VERSION,
      graphTimeoutMs: meta.WHARF_GRAPH_TIMEOUT_MS,
    },
    d360: {
      url: d360.WHARF_D360_URL.replace(/\/+$/, ""),
      hubUrl: d360.WHARF_D360_HUB_URL.replace(/\/+$/, ""),
      connectUrl: d360.WHARF_D360_CONNECT_URL.replace(/\/+$/, ""),
      partner:
        d360.WHARF_D360_PARTNER_ID && d360.WHARF_D360_PARTNER_API_KEY
          ? { id: d360.WHARF_D360_PARTNER_ID, apiKey: d360.WHARF_D360_PARTNER_API_KEY }
          : null,
    },
    jobs: {
      concurrency: jobs.WHARF_JOBS_CONCURRENCY,
      pollMs: jobs.WHARF_JOBS_POLL_MS,
      leaseMs: jobs.WHARF_JOBS_LEASE_MS,
      sendDoubtGraceMs: jobs.WHARF_SEND_DOUBT_GRACE_MS,
    },
    catalog: {
      syncIntervalMs: catalog.WHARF_CATALOG_SYNC_INTERVAL_MS,
      debounceMs: catalog.WHARF_CATALOG_SYNC_DEBOUNCE_MS,
      pollMs: catalog.WHARF_CATALOG_POLL_MS,
      batchSize: catalog.WHARF_CATALOG_BATCH_SIZE,
    },
  };
}

/** `FOO=` in a shell or .env file means "not set", not "set to the empty string". */
function blankToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) out[k] = v === undefined || v.trim() === "" ? undefined : v;
  return out;
}

/** Test-only reads of the environment also go through config, so the rule "only src/config reads env" holds. */
export function testDatabaseUrl(env: Record<string, string | undefined> = process.env): string | null {
  const url = env.WHARF_TEST_DATABASE_URL;
  return url && url.trim() !== "" ? url : null;
}
