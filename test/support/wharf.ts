import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/index.js";
import { createWharf, type Wharf } from "../../src/main.js";
import { createLogger } from "../../src/platform/observability/index.js";
import { freePort } from "./processes.js";

export interface StartedWharf {
  url: string;
  adminToken: string;
  demo: { email: string; password: string; workspaceId: string; workspaceName: string; apiKey: string };
  wharf: Wharf;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The whole app in-process, in sandbox mode (emulator mounted at /_meta), on 127.0.0.1 with a
 * free port and a fresh data folder. Extra environment variables override the defaults.
 */
export async function startWharf(options: { env?: Record<string, string>; logLines?: string[] } = {}): Promise<StartedWharf> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-app-"));
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), WHARF_DATA_DIR: dataDir, WHARF_JOBS_POLL_MS: "20", WHARF_SHUTDOWN_GRACE_MS: "500", ...options.env });
  const logLines = options.logLines;
  // The production logger (redaction included), writing into the test's array when it wants the lines.
  const logger = createLogger({ level: "debug", destination: { write: (line: string) => void logLines?.push(line) } });
  const wharf = await createWharf(config, { roles: { api: true, worker: true }, logger });
  const url = (await wharf.start())!;
  const sb = wharf.sandbox!;
  return {
    url,
    adminToken: sb.adminToken,
    demo: sb.demo,
    wharf,
    dataDir,
    async close() {
      await wharf.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

