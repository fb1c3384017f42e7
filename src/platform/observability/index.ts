export { createLogger, scrubSecrets, REDACT_PATHS } from "./logger.js";
export {
  createMetrics,
  type Metrics,
  type MetaCallRecord,
  type ProcessRole,
  type Probes,
  type QueueProbe,
  type LeaseProbe,
} from "./metrics.js";
export { opsRoutes } from "./ops.routes.js";
export { startOpsServer, type OpsServer } from "./ops-server.js";
export { createReadiness, checkReadiness, type Readiness } from "./readiness.js";
export { runShutdownSteps, type ShutdownStep } from "./shutdown-steps.js";
