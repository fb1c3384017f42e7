export { messagesMigrations } from "./messages.migrations.js";
export { recordInboundMessage, type InboundMessageInput } from "./record-inbound-message.js";
export { applyStatusUpdate, type StatusUpdateInput, type StatusUpdateResult } from "./apply-status-update.js";
