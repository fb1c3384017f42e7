import type { WharfModule } from "../../platform/module.js";
import type { WorkspaceGraphDeps } from "../connection/index.js";
import { inboxRoutes } from "./inbox.routes.js";

export { inboxMigrations } from "./inbox.migrations.js";
export { getConversation, listConversations, type Conversation } from "./get-conversation.js";
export {
  markConversationRead,
  noteInboundMessage,
  noteMarketingPreference,
  noteOutboundMessage,
  WINDOW_MS,
  type InboundActivity,
} from "./conversation-activity.js";
export { getContact, marketingConsent, updateContact, type Contact } from "./contacts.js";
export { previewOf } from "./inbound-content.js";

/** Contacts, conversations (24-hour window, unread counts), consent and inbound media. */
export function inboxModule(deps: WorkspaceGraphDeps): WharfModule {
  return { name: "inbox", routes: (app) => inboxRoutes(app, deps) };
}
