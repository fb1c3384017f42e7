import type { Config } from "../../config/index.js";

export interface D360Endpoints {
  /** The Cloud API base (`https://waba-v2.360dialog.io`). */
  url: string;
  /** The Partner API base (`https://hub.360dialog.io/api/v2`). */
  hubUrl: string;
  /** The Hub's pages, where the Connect page lives (`https://hub.360dialog.com/dashboard`). */
  connectUrl: string;
  partner: { id: string; apiKey: string } | null;
}

/**
 * Production talks to 360dialog as configured; sandbox mode to the emulator's stand-in mounted
 * under `/_meta/_360dialog` of Wharf's own port, with the stand-in's seeded partner, so the sandbox
 * offers both ways to connect (docs/emulator.md, "The 360dialog stand-in").
 */
export function d360Endpoints(
  config: Config,
  sandbox: { publicUrl: string; partner: { id: string; apiKey: string } } | null,
): D360Endpoints {
  if (!sandbox) return { ...config.d360 };
  const root = `${sandbox.publicUrl.replace(/\/+$/, "")}/_meta/_360dialog`;
  return {
    url: `${root}/waba-v2`,
    hubUrl: `${root}/hub/api/v2`,
    connectUrl: `${root}/hub/dashboard`,
    partner: sandbox.partner,
  };
}
