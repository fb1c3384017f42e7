import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/index.js";
import { createWharf, type Wharf } from "../../src/main.js";
import { createLogger } from "../../src/platform/observability/index.js";
import type { DialectName } from "../../src/platform/db/index.js";
import { createTestSchema } from "./databases.js";
import { freePort } from "./processes.js";

export interface StartedWharf {
  url: string;
  adminToken: string;
  demo: { email: string; password: string; workspaceId: string; workspaceName: string; apiKey: string };
  wharf: Wharf;
  dataDir: string;
  dialect: DialectName;
  close(): Promise<void>;
}

/**
 * The whole app in-process, in sandbox mode (emulator mounted at /_meta), on 127.0.0.1 with a
 * free port and a fresh data folder. Extra environment variables override the defaults. With
 * `dialect: "postgres"` it stores everything in a fresh schema of WHARF_TEST_DATABASE_URL's
 * database (dropped on close); suites pick the dialect with `describeEachDialect`.
 */
export async function startWharf(
  options: { env?: Record<string, string>; logLines?: string[]; dialect?: DialectName } = {},
): Promise<StartedWharf> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-app-"));
  const port = await freePort();
  const pg = options.dialect === "postgres" ? await createTestSchema() : null;
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
  const logger = createLogger({ level: "debug", destination: { write: (line: string) => void logLines?.push(line) } });
  let wharf: Wharf;
  try {
    const create = () =>
      createWharf(config, { roles: { api: true, worker: true }, logger, ...(pg ? { databaseSchema: pg.schema } : {}) });
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
    async close() {
      await wharf.close();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
