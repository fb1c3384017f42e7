import { sql } from "kysely";
import type { AnyDb } from "../../src/platform/db/index.js";

export interface SeededNumber {
  /** Default `ws_a`. */
  workspaceId?: string;
  wabaId: string;
  metaPhoneNumberId: string;
  /** Wharf's own id of the number; default `pn_a`. */
  phoneNumberId?: string;
  active?: boolean;
  /** The WABA's owner business (Meta's business portfolio), as the connection reads it. */
  businessId?: string;
  messagingLimit?: string;
  now?: number;
}

/**
 * The rows the connection flow leaves for a workspace whose WABA and number are connected (the
 * connection, the claims webhooks are routed by, the number), written straight to the database for
 * tests and benchmarks of what comes after connecting.
 */
export async function seedConnectedNumber(db: AnyDb, number: SeededNumber): Promise<void> {
  const n = { workspaceId: "ws_a", phoneNumberId: "pn_a", ...number };
  const now = n.now ?? Date.now();
  await sql`insert into connections (workspace_id, status, waba_id, scopes, catalog_status, updated_at) values (${n.workspaceId}, 'connected', ${n.wabaId}, '[]', 'none', ${now})`.execute(
    db,
  );
  // The WABA is claimed at connect, the number when it is activated (as the connection flow does).
  const active = n.active !== false;
  await sql`insert into meta_claims (kind, meta_id, workspace_id, claimed_at) values ('waba', ${n.wabaId}, ${n.workspaceId}, ${now})`.execute(
    db,
  );
  if (active)
    await sql`insert into meta_claims (kind, meta_id, workspace_id, claimed_at) values ('phone_number', ${n.metaPhoneNumberId}, ${n.workspaceId}, ${now})`.execute(
      db,
    );
  await sql`insert into phone_numbers (id, workspace_id, meta_phone_number_id, waba_id, business_id, display_phone_number, messaging_limit, throughput_mps, active, created_at, updated_at) values (${n.phoneNumberId}, ${n.workspaceId}, ${n.metaPhoneNumberId}, ${n.wabaId}, ${n.businessId ?? null}, '+1 555 000 0000', ${n.messagingLimit ?? null}, 80, ${active ? 1 : 0}, ${now}, ${now})`.execute(
    db,
  );
}
