import type { Logger } from "pino";
import type { LoopObserver } from "../../platform/queue/index.js";
import type { WharfModule } from "../../platform/module.js";
import type { WorkspaceChannelDeps } from "../connection/index.js";
import type { CampaignSettlement } from "./campaign-settlement.js";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "./dispatch/dispatcher.js";
import { conversationsRoutes } from "./conversations.routes.js";
import { messagesRoutes } from "./messages.routes.js";
import { sendMessage, type SendDeps, type SendInput } from "./send-message.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { outboundWriter } from "./write-outbound.js";
import { numberLeaseOwners } from "./number-leases.repo.js";
import { outboxLeases } from "./outbox.repo.js";

export { messagesMigrations } from "./messages.migrations.js";
export { moveCustomerMessages, recordInboundMessages, type InboundMessageInput } from "./record-inbound-message.js";
export {
  applyStatusUpdate,
  applyStatusUpdates,
  type StatusUpdateInput,
  type StatusUpdateResult,
} from "./apply-status-update.js";
export { sendMessage, type SendDeps, type SendInput } from "./send-message.js";
export { countSentFrom, findMessage } from "./messages.repo.js";
export { checkTemplateContent } from "./check-template-content.js";
export { messagingLimitUsage } from "./admission/index.js";

export type { Dispatcher, DispatcherOptions } from "./dispatch/dispatcher.js";

export interface MessagesModule extends WharfModule {
  /**
   * The worker role's outbound dispatcher (also in `workers`). Its `stop()` is the graceful
   * release for SIGTERM: batches in flight finish, then every number lease is released, so
   * another worker takes the numbers a second later instead of after the lease runs out.
   */
  dispatcher: Dispatcher;
  /** The send path (`sendMessage` with this module's writer), for modules that send (automations). */
  send: (workspaceId: WorkspaceId, input: SendInput) => ReturnType<typeof sendMessage>;
}

export function messagesModule(
  deps: Omit<SendDeps, "templates" | "writer"> &
    WorkspaceChannelDeps &
    LoopObserver & {
      /** The dispatcher also warns (sends put in doubt after a dispatcher died). */
      logger?: Pick<Logger, "error" | "warn">;
      templates?: SendDeps["templates"];
      dispatch: DispatcherOptions;
      /** The campaigns module's completion, handed in by main.ts (campaigns depends on messages). */
      campaigns?: CampaignSettlement;
    },
): MessagesModule {
  const sendDeps: SendDeps = { ...deps, templates: deps.templates ?? deps, writer: outboundWriter(deps) };
  const dispatcher = createDispatcher(deps, deps.dispatch);
  return {
    name: "messages",
    routes(app) {
      messagesRoutes(app, { ...deps, ...sendDeps });
      conversationsRoutes(app, { ...deps, ...sendDeps });
    },
    workers: [dispatcher],
    dispatcher,
    send: (workspaceId, input) => sendMessage(sendDeps, workspaceId, input),
    probes: {
      queues: { outbox: (now) => outboxLeases(deps.dialect).stats(deps.db, now) },
      leases: { dispatch: (now) => numberLeaseOwners(deps.db, now) },
    },
  };
}
export { connectionRefusal, type SendRule } from "./admission/index.js";
export { queueTemplateBatch, type BatchRecipient, type BatchResult } from "./queue-batch.js";
export { normalizeRecipient } from "./build-meta-message.js";
export { holdCampaignOutbox } from "./outbox.repo.js";
export { eraseCustomerMessages } from "./erase-customer-messages.js";
export { campaignHasOutbox, campaignMessageCounts, withdrawCampaignMessages } from "./campaign-messages.js";
export type { CampaignRef, CampaignSettlement } from "./campaign-settlement.js";
