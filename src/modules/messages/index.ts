import type { LoopObserver } from "../../platform/queue/index.js";
import type { WharfModule } from "../../platform/module.js";
import type { WorkspaceGraphDeps } from "../connection/index.js";
import { createDispatcher, type DispatcherOptions } from "./dispatch/dispatcher.js";
import { messagesRoutes } from "./messages.routes.js";
import type { SendDeps } from "./send-message.js";
import { outboundWriter } from "./write-outbound.js";
import { numberLeaseOwners, outboxLeases } from "./outbox.repo.js";

export { messagesMigrations } from "./messages.migrations.js";
export { recordInboundMessage, type InboundMessageInput } from "./record-inbound-message.js";
export { applyStatusUpdate, type StatusUpdateInput, type StatusUpdateResult } from "./apply-status-update.js";
export { sendMessage, type SendDeps, type SendInput } from "./send-message.js";

export function messagesModule(
  deps: Omit<SendDeps, "templates" | "writer"> &
    WorkspaceGraphDeps &
    LoopObserver & { templates?: SendDeps["templates"]; dispatch: DispatcherOptions },
): WharfModule {
  const sendDeps: SendDeps = { ...deps, templates: deps.templates ?? deps, writer: outboundWriter(deps) };
  return {
    name: "messages",
    routes: (app) => messagesRoutes(app, { ...deps, ...sendDeps }),
    workers: [createDispatcher(deps, deps.dispatch)],
    probes: {
      queues: { outbox: (now) => outboxLeases(deps.dialect).stats(deps.db, now) },
      leases: { dispatch: (now) => numberLeaseOwners(deps.db, now) },
    },
  };
}
export { connectionRefusal, type SendRule } from "./admission/index.js";
export { queueTemplateBatch, type BatchRecipient, type BatchResult } from "./queue-batch.js";
export { holdCampaignOutbox, deleteCampaignOutbox } from "./outbox.repo.js";
