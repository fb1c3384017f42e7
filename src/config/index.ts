import { type z } from "zod";
import { databaseSchema, jobsSchema, metaSchema, modeSchema, securitySchema, serverSchema } from "./schema.js";

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
    graphVersion: string;
  };
  jobs: { concurrency: number; pollMs: number; leaseMs: number };
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
  jobs: jobsSchema,
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
  const jobs = parsed.jobs as z.infer<typeof jobsSchema>;
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
      graphVersion: meta.WHARF_GRAPH_VERSION,
    },
    jobs: {
      concurrency: jobs.WHARF_JOBS_CONCURRENCY,
      pollMs: jobs.WHARF_JOBS_POLL_MS,
      leaseMs: jobs.WHARF_JOBS_LEASE_MS,
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
