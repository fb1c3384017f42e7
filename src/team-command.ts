import { parseArgs } from "node:util";
import type { Config } from "./config/index.js";
import { systemClock } from "./platform/clock.js";
import { randomToken } from "./platform/crypto/index.js";
import { migrate, openDatabase, type Database } from "./platform/db/index.js";
import { asWorkspaceId } from "./platform/workspace-id.js";
import { findUserByEmail, resetPassword } from "./modules/access/index.js";
import { createApiKey, findApiKeyWorkspace, findWorkspace, revokeApiKey } from "./modules/workspaces/index.js";
import { allMigrations } from "./main.js";

export const TEAM_USAGE = `  users reset-password --email E      give a dashboard user a new random password (printed once); ends their sessions
  api-keys create --workspace ID [--label L]   a new API key for the workspace (printed once)
  api-keys revoke --id ID                      revoke an API key at once`;

/**
 * The operator's commands for accounts and keys, run against the configured database like
 * `wharf keys rotate`: for a locked-out owner, or a key that leaked when nobody can log in.
 */
export async function runTeamCommand(config: Config, command: "users" | "api-keys", args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  let flags: Record<string, string | undefined>;
  try {
    flags = parseArgs({
      args: rest,
      options: {
        email: { type: "string" },
        workspace: { type: "string" },
        label: { type: "string" },
        id: { type: "string" },
      },
      strict: true,
    }).values;
  } catch (err) {
    return usage((err as Error).message);
  }
  const database = openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolSize: 2 });
  try {
    await migrate(database.db, database.dialect, allMigrations);
    if (command === "users" && verb === "reset-password" && flags.email)
      return await resetUserPassword(database, flags.email);
    if (command === "api-keys" && verb === "create" && flags.workspace)
      return await createKey(database, flags.workspace, flags.label ?? "Created by the operator");
    if (command === "api-keys" && verb === "revoke" && flags.id) return await revokeKey(database, flags.id);
    return usage(`Unknown or incomplete command: wharf ${command} ${args.join(" ")}`);
  } finally {
    await database.close();
  }
}

async function resetUserPassword(database: Database, email: string): Promise<number> {
  const user = await findUserByEmail(database.db, email.trim().toLowerCase());
  if (!user) return fail(`No user with the email ${email}.`);
  const password = randomToken(12);
  await resetPassword({ db: database.db, clock: systemClock }, user.id, password);
  process.stdout.write(`New password for ${user.email} (shown once; their sessions were ended): ${password}\n`);
  return 0;
}

async function createKey(database: Database, workspace: string, label: string): Promise<number> {
  const workspaceId = asWorkspaceId(workspace);
  if (!(await findWorkspace(database.db, workspaceId))) return fail(`No workspace with the id ${workspace}.`);
  const key = await createApiKey({ db: database.db, clock: systemClock }, workspaceId, label.slice(0, 80));
  process.stdout.write(`API key ${key.id} for ${workspace} (shown once): ${key.apiKey}\n`);
  return 0;
}

async function revokeKey(database: Database, id: string): Promise<number> {
  const workspaceId = await findApiKeyWorkspace(database.db, id);
  const revoked =
    workspaceId !== null &&
    (await database.db.transaction().execute((trx) => revokeApiKey(trx, workspaceId, id, systemClock.now())));
  if (!revoked) return fail(`No live API key with the id ${id}.`);
  process.stdout.write(`Revoked API key ${id}.\n`);
  return 0;
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\nUsage:\n${TEAM_USAGE}\n`);
  return 2;
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}
