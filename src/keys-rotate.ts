import fs from "node:fs";
import path from "node:path";
import type { Config } from "./config/index.js";
import { systemClock } from "./platform/clock.js";
import { migrate, openDatabase } from "./platform/db/index.js";
import {
  createVault,
  generateMasterKey,
  masterKeyFrom,
  SANDBOX_KEY_FILE,
  SANDBOX_NEXT_KEY_FILE,
  staticKeyring,
  VaultError,
  type Keyring,
} from "./platform/crypto/index.js";
import { allMigrations } from "./main.js";

/**
 * Re-wraps every workspace data key under the current master key. Data keys themselves do not
 * change, so running servers keep decrypting throughout (they hold both master keys meanwhile).
 *
 * Production: set WHARF_MASTER_KEY to the new key and WHARF_PREVIOUS_MASTER_KEYS to the old one on
 * every process, run this, then drop WHARF_PREVIOUS_MASTER_KEYS.
 * Sandbox: a new key is generated into the data folder; the old one is gone when this returns.
 */
export async function runKeysRotate(config: Config): Promise<number> {
  const database = openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolSize: 2 });
  try {
    await migrate(database.db, database.dialect, allMigrations);
    const sandbox = config.security.masterKey === null;
    const dataDir = config.database.dataDir;
    let keyring: Keyring;
    if (sandbox) {
      const oldKey = fs.readFileSync(path.join(dataDir, SANDBOX_KEY_FILE), "utf8").trim();
      const nextFile = path.join(dataDir, SANDBOX_NEXT_KEY_FILE);
      // Resume an interrupted rotation with the key it had already chosen.
      const newKey = fs.existsSync(nextFile) ? fs.readFileSync(nextFile, "utf8").trim() : generateMasterKey();
      fs.writeFileSync(nextFile, `${newKey}\n`, { mode: 0o600 });
      keyring = staticKeyring(newKey, [oldKey]);
    } else {
      keyring = staticKeyring(config.security.masterKey!, config.security.previousMasterKeys);
    }
    const vault = createVault({ db: database.db, keyring, clock: systemClock });
    const { rewrapped, total } = await vault.rewrapAll();
    if (sandbox) fs.renameSync(path.join(dataDir, SANDBOX_NEXT_KEY_FILE), path.join(dataDir, SANDBOX_KEY_FILE));
    process.stdout.write(
      `Re-wrapped ${rewrapped} of ${total} workspace data key(s) under master key ${masterKeyFrom(keyring.current.key.toString("base64")).id}.\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof VaultError && err.reason === "unknown_master_key") {
      process.stderr.write(
        "Some data keys are wrapped by a master key that is not configured: set WHARF_PREVIOUS_MASTER_KEYS to the old key(s) and run again.\n",
      );
      return 1;
    }
    process.stderr.write(`Key rotation failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
