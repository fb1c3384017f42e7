import type { WharfModule } from "../../platform/module.js";
import type { WorkspaceChannelDeps } from "../connection/index.js";
import { contactsRoutes } from "./contacts/contacts.routes.js";
import { importsRoutes } from "./contacts/imports.routes.js";
import { segmentsRoutes } from "./contacts/segments.routes.js";
import type { EraseCustomerMessages } from "./contacts/manage-contacts.js";
import { inboxRoutes } from "./inbox.routes.js";

export { inboxMigrations } from "./inbox.migrations.js";
export { getConversation, listConversations, unreadCounts, type Conversation } from "./get-conversation.js";
export { type ConversationStatus } from "./conversations.repo.js";
export {
  markConversationRead,
  noteInboundMessages,
  noteMarketingPreference,
  noteOutboundMessage,
  WINDOW_MS,
  type InboundActivity,
} from "./conversation-activity.js";
export { getContact, marketingConsent, updateContact, type Contact } from "./contacts.js";
export { previewOf } from "./inbound-content.js";
export {
  addConversationNote,
  changeConversationWork,
  conversationNotes,
  MAX_LABELS,
  type ConversationNote,
} from "./conversation-work.js";
export { orderOf, type InboundOrder } from "./inbound-order.js";
export { resolveCustomer, type CustomerIdentity } from "./customer-identity.js";

// Contacts as a business keeps them (issue 17): for commerce events, connectors and campaign audiences.
export { upsertContact, recordConsent, setAttributes } from "./contacts/upsert-contact.js";
export { addContactTags, removeContactTags, findContact } from "./contacts/contact-tags.js";
export { ContactFilter } from "./contacts/filter.js";
export { contactPages, segmentMembers, type AudienceMember } from "./contacts/audience.js";
export type { ContactView } from "./contacts/contact-view.js";
export type { EraseCustomerMessages } from "./contacts/manage-contacts.js";

/** Contacts (profile, tags, attributes, consent history, imports, segments), conversations and inbound media. */
export function inboxModule(deps: WorkspaceChannelDeps & { eraseMessages: EraseCustomerMessages }): WharfModule {
  return {
    name: "inbox",
    routes(app) {
      inboxRoutes(app, deps);
      contactsRoutes(app, deps);
      segmentsRoutes(app, deps);
      importsRoutes(app, deps);
    },
  };
}
