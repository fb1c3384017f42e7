/**
 * The Meta emulator: a local graph.facebook.com and login dialog (api-contract.md, "The Meta
 * emulator"). It depends only on `src/graph/` schemas and npm packages.
 */
export { createEmulator, type Emulator } from "./create-emulator.js";
export { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from "./start-emulator-server.js";
export {
  DEFAULT_APP_ID,
  DEFAULT_RECIPIENT_RULES,
  DEFAULT_REDIRECT_URIS,
  type EmulatorOptions,
  type RecipientRule,
} from "./core/options.js";
export { SEED_IDS, SEED_PINS } from "./state/seed.js";
export type { EmulatorState } from "./state/emulator-state.js";
export type { FaultSpec } from "./faults/fault-registry.js";
export type { DeliveryRecord } from "./webhooks/webhook-log.js";
export {
  D360_SEED,
  D360_WABA_PREFIX,
  D360_HUB_API_PREFIX,
  D360_HUB_PAGES_PREFIX,
  INVALID_API_KEY,
} from "./d360/index.js";
