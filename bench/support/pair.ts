/**
 * The production topology the benches measure: `wharf emulator` (Meta) and `wharf start`
 * (production mode, SQLite, a fresh data dir, Graph pointed at the emulator) as two processes, a
 * workspace made with the admin token, and its WABA connected through the emulator's dialog.
 */
import { randomBytes } from "node:crypto";
import { approveInDialog } from "../../test/support/meta-dialog.js";
import { freePort } from "../../test/support/processes.js";
import { APP_ID, json, removeDir, startChild, tempDir, type Child } from "./children.js";

export interface ConnectedPair {
  emulator: Child;
  wharf: Child;
  /** The emulator's and Wharf's base URLs. */
  emu: string;
  url: string;
  appSecret: string;
  apiKey: string;
  /** Wharf's data folder (its SQLite file), removed by close(). */
  dataDir: string;
  /** Throws if either process has exited. */
  alive: () => void;
  close: () => Promise<void>;
}

export async function startConnectedPair(options: {
  dataDirPrefix: string;
  /** Wharf's environment on top of the pair's own. */
  env?: Record<string, string>;
  wharf?: Parameters<typeof startChild>[3];
}): Promise<ConnectedPair> {
  const emuPort = await freePort();
  let wharfPort = await freePort();
  while (wharfPort === emuPort) wharfPort = await freePort();
  const emu = `http://127.0.0.1:${emuPort}`;
  const url = `http://127.0.0.1:${wharfPort}`;
  const appSecret = randomBytes(16).toString("hex");
  const adminToken = randomBytes(24).toString("hex");
  const dataDir = tempDir(options.dataDirPrefix);
  const emulator = startChild(
    "emulator",
    [
      "emulator",
      "--port",
      String(emuPort),
      "--webhook-url",
      `${url}/webhooks/meta`,
      "--app-id",
      APP_ID,
      "--app-secret",
      appSecret,
    ],
    {},
  );
  const wharf = startChild(
    "wharf",
    ["start"],
    {
      PORT: String(wharfPort),
      WHARF_HOST: "127.0.0.1",
      WHARF_MODE: "production",
      WHARF_PUBLIC_URL: url,
      WHARF_DATA_DIR: dataDir,
      WHARF_LOG_LEVEL: "error",
      // No load balancer to drain: a SIGTERM stops at once. With the default 5 s drain, stop()'s
      // 5 s grace ran out and the SIGKILL lost the --cpu-prof profile, written at exit.
      WHARF_SHUTDOWN_DRAIN_MS: "0",
      WHARF_MASTER_KEY: randomBytes(32).toString("base64"),
      WHARF_ADMIN_TOKEN: adminToken,
      WHARF_META_APP_ID: APP_ID,
      WHARF_META_APP_SECRET: appSecret,
      WHARF_META_VERIFY_TOKEN: "bench-verify-token",
      WHARF_GRAPH_URL: emu,
      WHARF_META_DIALOG_URL: emu,
      ...options.env,
    },
    options.wharf,
  );
  const alive = () => {
    emulator.check();
    wharf.check();
  };
  const close = async () => {
    await Promise.all([wharf.stop(), emulator.stop()]);
    removeDir(dataDir);
  };
  try {
    await Promise.all([
      // Started through tsx: on a machine loaded by other work, compiling alone can take most of a minute.
      emulator.waitFor(/Meta emulator listening on/, 120_000),
      wharf.waitFor(/is running \(production mode/, 120_000),
    ]);
    const { apiKey } = (await json("POST", `${url}/v1/workspaces`, {
      token: adminToken,
      body: { name: "bench" },
    })) as { apiKey: string };
    const prep = await json("POST", `${url}/v1/connection/prepare`, { token: apiKey });
    const { code, state } = await approveInDialog(prep.authorizationUrl as string);
    await json("POST", `${url}/v1/connection/connect`, { token: apiKey, body: { code, state } });
    return { emulator, wharf, emu, url, appSecret, apiKey, dataDir, alive, close };
  } catch (err) {
    await close();
    throw err;
  }
}
