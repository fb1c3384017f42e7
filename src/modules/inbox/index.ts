import type { LiveFeed } from "../../platform/events.js";
import type { WharfModule } from "../../platform/module.js";
import type { WorkspaceGraphDeps } from "../connection/index.js";
import { eventStreams } from "./event-stream.js";
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

/** Contacts, conversations (24-hour window, unread counts), consent, inbound media and the live event stream. */
export function inboxModule(deps: WorkspaceGraphDeps & { liveFeed: LiveFeed }): WharfModule {
  const streams = eventStreams(deps.liveFeed);
  return {
    name: "inbox",
    routes(app) {
      inboxRoutes(app, { ...deps, streams });
      // Open event streams would otherwise hold the server's close until their clients leave.
      app.addHook("preClose", (done) => {
        streams.closeAll();
        done();
      });
    },
    stop: () => streams.closeAll(),
  };
}
