import type { Clock } from "../../src/platform/clock.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/index.js";
import { createWharf, type Wharf } from "../../src/main.js";
import { createLogger } from "../../src/platform/observability/index.js";
import type { DialectName } from "../../src/platform/db/index.js";
import { createTestSchema, reuseTestSchema } from "./databases.js";
import { freePort } from "./processes.js";

export interface StartedWharf {
  url: string;
  adminToken: string;
  demo: { email: string; password: string; workspaceId: string; workspaceName: string; apiKey: string };
  wharf: Wharf;
  dataDir: string;
  dialect: DialectName;
  port: number;
  /** The PostgreSQL schema, for `restartOf`. */
  pgSchema: string | null;
  /** `keep`: leave the data folder (and PostgreSQL schema) for a restart on them (`restartOf`). */
  close(options?: { keep?: boolean }): Promise<void>;
}

/**
 * The whole app in-process, in sandbox mode (emulator mounted at /_meta), on 127.0.0.1 with a
 * free port and a fresh data folder. Extra environment variables override the defaults. With
 * `dialect: "postgres"` it stores everything in a fresh schema of WHARF_TEST_DATABASE_URL's
 * database (dropped on close); suites pick the dialect with `describeEachDialect`.
 */
export async function startWharf(
  options: {
    env?: Record<string, string>;
    logLines?: string[];
    dialect?: DialectName;
    /** Start again on a stopped instance's data folder, port and database (it was closed with `keep`). */
    restartOf?: StartedWharf;
    /** Wharf's clock (jobs, schedules, sessions): a test that moves time passes one it controls. */
    clock?: Clock;
  } = {},
): Promise<StartedWharf> {
  const prev = options.restartOf;
  const dataDir = prev?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "wharf-app-"));
  const port = prev?.port ?? (await freePort());
  const dialect = prev?.dialect ?? options.dialect;
  const pg =
    dialect === "postgres" ? (prev?.pgSchema ? reuseTestSchema(prev.pgSchema) : await createTestSchema()) : null;
  const config = loadConfig({
    PORT: String(port),
    WHARF_DATA_DIR: dataDir,
    WHARF_JOBS_POLL_MS: "20",
    WHARF_SHUTDOWN_GRACE_MS: "500",
    ...(pg ? { DATABASE_URL: pg.url, WHARF_DB_POOL_SIZE: "5" } : {}),
    ...options.env,
  });
  const logLines = options.logLines;
  // The production logger (redaction included), writing into the test's array when it wants the lines.
  // Errors also go to stderr, so a CI log shows them (a stuck shutdown step names itself there).
  const logger = createLogger({
    level: "debug",
    destination: {
      write: (line: string) => {
        logLines?.push(line);
        if (/"level":(50|60)\b/.test(line)) process.stderr.write(`[wharf ${port}] ${line}`);
      },
    },
  });
  let wharf: Wharf;
  try {
    const create = () =>
      createWharf(config, {
        roles: { api: true, worker: true },
        logger,
        ...(pg ? { databaseSchema: pg.schema } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
      });
    wharf = pg ? await pg.whileMigrating(create) : await create();
  } catch (err) {
    await pg?.drop();
    throw err;
  }
  const url = (await wharf.start())!;
  const sb = wharf.sandbox!;
  return {
    url,
    adminToken: sb.adminToken,
    demo: sb.demo,
    wharf,
    dataDir,
    dialect: pg ? "postgres" : "sqlite",
    port,
    pgSchema: pg?.schema ?? null,
    async close(closeOptions) {
      await wharf.close();
      if (closeOptions?.keep) return;
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
