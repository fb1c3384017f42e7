import { randomInt } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { AnyDb } from "./platform/db/index.js";
import type { Clock } from "./platform/clock.js";
import { randomToken, type Vault } from "./platform/crypto/index.js";
import { asWorkspaceId } from "./platform/workspace-id.js";
import { createWorkspace, findWorkspace } from "./modules/workspaces/index.js";
import { addUserToWorkspace } from "./modules/access/index.js";

export interface SandboxSeed {
  adminToken: string;
  /** The emulator's Meta app, stable across restarts so stored state keeps working. */
  metaApp: { appId: string; appSecret: string; verifyToken: string };
  demo: { email: string; password: string; workspaceId: string; workspaceName: string; apiKey: string };
}

const FILE = "sandbox.json";
export const DEMO_EMAIL = "demo@wharf.local";
/**
 * The 360dialog partner the emulator's stand-in is seeded with (its `D360_SEED`), so the sandbox's
 * Connect button works; kept here because production never loads the emulator.
 */
export const SANDBOX_D360_PARTNER = { id: "srMmoqPA", apiKey: "wharf-sandbox-partner-key" } as const;
const DEMO_WORKSPACE = "Demo workspace";

/**
 * Sandbox mode's demo workspace, login and operator token: made once, kept in the data folder
 * (mode 0600) so every start prints the same ones. Never used outside sandbox mode.
 */
export async function ensureSandboxSeed(deps: {
  db: AnyDb;
  vault: Vault;
  clock: Clock;
  dataDir: string;
}): Promise<SandboxSeed> {
  const file = path.join(deps.dataDir, FILE);
  if (fs.existsSync(file)) {
    const seed = JSON.parse(fs.readFileSync(file, "utf8")) as SandboxSeed;
    if (await findWorkspace(deps.db, asWorkspaceId(seed.demo.workspaceId))) return seed;
  }
  const { workspace, apiKey } = await createWorkspace(deps, { name: DEMO_WORKSPACE });
  const password = randomToken(10);
  await addUserToWorkspace(deps, workspace.id, { email: DEMO_EMAIL, name: "Demo Owner", password, role: "owner" });
  const seed: SandboxSeed = {
    adminToken: `wop_${randomToken(25)}`,
    metaApp: {
      appId: String(randomInt(100_000_000_000_000, 281_474_976_710_655)),
      appSecret: randomToken(20),
      verifyToken: randomToken(16),
    },
    demo: { email: DEMO_EMAIL, password, workspaceId: workspace.id, workspaceName: workspace.name, apiKey },
  };
  fs.mkdirSync(deps.dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(seed, null, 2), { mode: 0o600 });
  return seed;
}
