export { createVault, VaultError, type Vault, type VaultTables } from "./vault.js";
export {
  sandboxKeyring,
  staticKeyring,
  masterKeyFrom,
  generateMasterKey,
  SANDBOX_KEY_FILE,
  SANDBOX_NEXT_KEY_FILE,
  type Keyring,
  type MasterKey,
} from "./keyring.js";
export { newId, randomToken, type IdPrefix } from "./ids.js";
export { constantTimeEqual, hashToken, hashPassword, verifyPassword } from "./secrets.js";
export { vaultMigrations } from "./vault.migrations.js";
