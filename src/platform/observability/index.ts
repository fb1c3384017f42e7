export { createLogger, scrubSecrets, REDACT_PATHS } from "./logger.js";
export { createMetrics, type Metrics } from "./metrics.js";
export { opsRoutes } from "./ops.routes.js";
