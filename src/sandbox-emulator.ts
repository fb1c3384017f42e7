import path from "node:path";
import type { Config } from "./config/index.js";
import type { App } from "./platform/http/index.js";
import { createEmulator } from "./emulator/index.js";
import type { SandboxSeed } from "./sandbox.js";

/** The sandbox emulator's state file in the data folder. */
export const SANDBOX_META_FILE = "sandbox-meta.json";

export interface SandboxEmulator {
  close(): Promise<void>;
}

/**
 * Sandbox mode only: the Meta emulator mounted in-process under /_meta (Graph at /_meta/v23.0/...,
 * the dialog at /_meta/v23.0/dialog/oauth, control at /_meta/_emulator/...). Its app is the sandbox's
 * Meta app, and its webhooks go to Wharf's own receiver on the same port. Its state is kept in the
 * data folder (`sandbox-meta.json`), so a restarted sandbox talks to the same Meta: the stored token
 * is still valid, the WABA still subscribed, numbers registered and templates known.
 */
export async function mountSandboxEmulator(app: App, config: Config, seed: SandboxSeed): Promise<SandboxEmulator> {
  const base = config.server.publicUrl;
  const emulator = createEmulator({
    appId: seed.metaApp.appId,
    appSecret: seed.metaApp.appSecret,
    appName: "Wharf Sandbox",
    publicUrl: `${base}/_meta`,
    webhookUrl: `http://127.0.0.1:${config.server.port}/webhooks/meta`,
    redirectUris: [`${base}/oauth/meta/callback`],
    // The app's webhooks have the shape of the Graph version Wharf is configured for.
    webhookVersion: config.meta.graphVersion,
    stateFile: path.join(config.database.dataDir, SANDBOX_META_FILE),
  });
  await app.register(emulator.plugin, { prefix: "/_meta" });
  return { close: () => emulator.close() };
}
