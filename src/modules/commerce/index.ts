import type { WharfModule } from "../../platform/module.js";
import { commerceRoutes } from "./commerce.routes.js";
import type { CommerceDeps } from "./record-event.js";

export { commerceMigrations } from "./commerce.migrations.js";
export { commerceContacts } from "./contacts.js";
export { deleteContactEvents as eraseContactEvents } from "./commerce.repo.js";
export { BUILT_IN_EVENT_TYPES, isBuiltInEventType } from "./event-types.js";
export { dataSchemaOf as eventDataSchema } from "./list-event-types.js";
export { checkEventData, recordCommerceEventIn, type CommerceDeps, type CommerceEventInput } from "./record-event.js";
export type { CommerceContacts, ContactLink, ContactRef, ContactProfile } from "./contact-port.js";

/** Business events on contacts' timelines (POST /v1/events), their typed catalog and the workspace's own types. */
export function commerceModule(deps: CommerceDeps): WharfModule {
  return { name: "commerce", routes: (app) => commerceRoutes(app, deps) };
}
