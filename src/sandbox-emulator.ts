import type { Config } from "./config/index.js";
import type { App } from "./platform/http/index.js";
import { createEmulator } from "./emulator/index.js";

export interface SandboxEmulator {
  /** What Wharf uses instead of a real Meta app in sandbox mode. */
  appId: string;
  appSecret: string;
  graphUrl: string;
  close(): Promise<void>;
}

/**
 * Sandbox mode only: the Meta emulator mounted in-process under /_meta (Graph at /_meta/v23.0/...,
 * the dialog at /_meta/v23.0/dialog/oauth, control at /_meta/_emulator/...). Its webhooks go to
 * Wharf's own receiver on the same port.
 */
export async function mountSandboxEmulator(app: App, config: Config): Promise<SandboxEmulator> {
  const base = config.server.publicUrl;
  const emulator = createEmulator({
    publicUrl: `${base}/_meta`,
    webhookUrl: `http://127.0.0.1:${config.server.port}/webhooks/meta`,
    allowedRedirectUris: [`${base}/oauth/meta/callback`, `${base}/`],
  });
  await app.register(emulator.plugin, { prefix: "/_meta" });
  return {
    appId: emulator.appId,
    appSecret: emulator.appSecret,
    graphUrl: `${base}/_meta`,
    close: () => emulator.close(),
  };
}
