import type { AnyDb, Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

/** Who an event is about, as the business knows them: at least one of the three. */
export interface ContactRef {
  phone?: string | undefined;
  email?: string | undefined;
  externalId?: string | undefined;
}

/** A contact as commerce keeps it: our id, and the key messages and consent use (phone digits, or a stand-in). */
export interface ContactLink {
  id: string;
  waId: string;
}

/** What a store knows of the customer besides how to reach them. */
export interface ContactProfile {
  name?: string | undefined;
}

/**
 * What commerce needs of the contacts (inbox owns them): find or create one in the caller's
 * transaction, record a store's marketing consent, and resolve a path's `{idOrPhone}`.
 * `commerce/contacts.ts` is the one implementation, over inbox's index.
 */
export interface CommerceContacts {
  upsert(trx: Executor, workspaceId: WorkspaceId, who: ContactRef, profile: ContactProfile): Promise<ContactLink>;
  /** Consent the store recorded at `at` (source `store`); an older statement than the stored one changes nothing. */
  recordConsent(
    trx: Executor,
    workspaceId: WorkspaceId,
    contact: ContactLink,
    consent: { optIn: boolean; at: number; proof: string },
  ): Promise<void>;
  find(db: AnyDb, workspaceId: WorkspaceId, idOrPhone: string): Promise<{ id: string } | null>;
}
