import * as common from "./areas/common.js";
import * as campaigns from "./areas/campaigns.js";
import * as templates from "./areas/templates.js";
import * as contacts from "./areas/contacts.js";
import * as inbox from "./areas/inbox.js";
import * as catalogAutomations from "./areas/catalog-automations.js";
import * as numbers from "./areas/numbers.js";
import * as connection from "./areas/connection.js";
import * as teamAnalytics from "./areas/team-analytics.js";
import * as segmentFilters from "./areas/segment-filters.js";
import * as connectOutcome from "./areas/connect-outcome.js";
// The dashboard's words in English, the catalog every other language must match key for key
// (test/web/i18n-catalogs.test.ts). `{name}` marks a value filled in at run time.

export const en = {
  "app.loading": "Loading…",
  "app.sessionEnded": "Your session has ended. Log in again to continue.",

  "page.inbox": "Inbox",
  "page.contacts": "Contacts",
  "page.contacts/import": "Import contacts",
  "page.segments": "Segments",
  "page.campaigns": "Campaigns",
  "page.automations": "Automations",
  "page.templates": "Templates",
  "page.catalog": "Catalog",
  "page.analytics": "Analytics",
  "page.phone-numbers": "Phone numbers",
  "page.settings/whatsapp": "WhatsApp Connection",
  "page.settings/team": "Team",

  "shell.workspace": "Workspace",
  "shell.logOut": "Log out",
  "shell.settings": "Settings",
  "shell.mainNav": "Main",
  "shell.unreadConversations": "{count} unread conversations",
  "shell.language": "Language",
  "shell.languageBrowser": "Browser ({language})",
  "role.owner": "owner",
  "role.admin": "admin",
  "role.agent": "agent",

  "login.title": "Log in",
  "login.intro": "Use the email and password of your workspace account.",
  "login.email": "Email",
  "login.password": "Password",
  "login.submit": "Log in",
  "login.submitting": "Logging in…",

  "inbox.search": "Search conversations",
  "inbox.searchPlaceholder": "Search name, number or words ( / )",
  "inbox.show": "Show",
  "inbox.view.all": "All",
  "inbox.view.unread": "Unread",
  "inbox.view.mine": "Mine",
  "inbox.view.unassigned": "Unassigned",
  "inbox.status": "Status",
  "inbox.anyStatus": "Any status",
  "inbox.status.open": "Open",
  "inbox.status.pending": "Pending",
  "inbox.status.resolved": "Resolved",
  "inbox.label": "Label",
  "inbox.clear": "clear",
  "inbox.new.button": "New conversation",
  "inbox.new.title": "New conversation",
  "inbox.new.close": "Close",
  "inbox.new.intro": "Outside the 24-hour window WhatsApp only delivers an approved template: choose one to start.",
  "inbox.new.from": "From number",
  "inbox.new.noNumber": "No active number",
  "inbox.new.to": "Customer's phone",
  "inbox.new.toHint": "With the country code, e.g. +1 555 000 1234.",
  "inbox.new.notListed": "Sent, but the conversation is not listed yet. Look for it in the list.",
  "inbox.notify.toggle": "Notify me of new messages",
  "inbox.notify.title": "New message from {name}",
  "inbox.notify.denied":
    "The browser blocks notifications for this site: allow them in its site settings, then try again.",
  "inbox.notify.unsupported": "This browser cannot show notifications.",
  "inbox.keys.button": "Keyboard shortcuts",
  "inbox.keys.title": "Keyboard shortcuts",
  "inbox.keys.next": "Next conversation",
  "inbox.keys.previous": "Previous conversation",
  "inbox.keys.reply": "Write a reply",
  "inbox.keys.search": "Search conversations",
  "inbox.keys.resolve": "Resolve the open conversation",
  "inbox.keys.help": "Show this list",
  "inbox.keys.close": "Close",
  ...common.en,
  ...campaigns.en,
  ...templates.en,
  ...contacts.en,
  ...inbox.en,
  ...catalogAutomations.en,
  ...numbers.en,
  ...connection.en,
  ...teamAnalytics.en,
  ...segmentFilters.en,
  ...connectOutcome.en,
} as const;

export type MessageKey = keyof typeof en;
/** A language's catalog: every key of the English one, and no other. */
export type Catalog = Record<MessageKey, string>;
