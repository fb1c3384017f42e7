import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { AppError } from "../../../platform/errors/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import type { ConsentEventRow, ConsentSource, ContactRow } from "../contacts.repo.js";
import { shownValue, type AttributeValue } from "./attributes.js";
import { listAttributeDefs, listAttributeRows, listTagRows, type ContactKey } from "./directory.repo.js";

/** A BSUID (Meta 2026): two-letter country, a period, alphanumerics (`US.ENT.` for a parent). */
const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
const CONTACT_ID = /^ctc_[0-9a-z]{10,40}$/;

/** E.164 digits (the WhatsApp id form) from `+15551234567`, `15551234567` or `+1 555-123-4567`; null if not a phone. */
export function phoneToWaId(phone: string): string | null {
  const digits = phone.replace(/[\s().-]/g, "").replace(/^\+/, "");
  return /^[1-9]\d{6,14}$/.test(digits) ? digits : null;
}

/** What a path's `{idOrPhone}` names: our id, a phone (`+` or not) or a BSUID. */
export function contactRef(idOrPhone: string): ContactKey {
  if (CONTACT_ID.test(idOrPhone)) return { id: idOrPhone };
  if (BSUID.test(idOrPhone)) return { waId: idOrPhone };
  const waId = phoneToWaId(idOrPhone);
  if (waId === null)
    throw new AppError(
      "VALIDATION_FAILED",
      "Name the contact by its id (ctc_...), its phone number in E.164 (+15551234567, with or without +) or its business-scoped user id.",
    );
  return { waId };
}

/** A key without a phone: contacts known only by email or external id are keyed by their own id. */
export const isPhoneKey = (waId: string) => /^\d+$/.test(waId);

export type ConsentState = "opted_in" | "opted_out" | "unknown";

/** Sources as the API names them (the stored `stop_keyword` predates the contacts issue). */
export const shownSource = (s: ConsentSource | null) =>
  s === "stop_keyword" ? "inbound_stop" : s === "start_keyword" ? "inbound_start" : s;

export interface ContactView {
  id: string;
  phone: string | null;
  /** The key messages and conversations use: phone digits, a BSUID, or the contact id when it has neither. */
  waId: string;
  userId: string | null;
  username: string | null;
  name: string | null;
  profileName: string | null;
  email: string | null;
  externalId: string | null;
  language: string | null;
  attributes: Record<string, AttributeValue>;
  tags: string[];
  consent: { marketing: ConsentState; source: string | null; at: string | null; proof: string | null };
  lastSeenAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The fields of the contact before issue 17, kept for PUT /v1/contacts/{waId} callers. */
  marketingOptIn: boolean | null;
  consentSource: string | null;
  consentAt: string | null;
  lastInboundAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function consentState(r: Pick<ContactRow, "marketing_opt_in">): ConsentState {
  return r.marketing_opt_in === null ? "unknown" : Number(r.marketing_opt_in) === 1 ? "opted_in" : "opted_out";
}

/** Views of contact rows with their tags and attributes, two queries for the whole page. */
export async function viewContacts(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  rows: ContactRow[],
): Promise<ContactView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tags, attrs, defs] = await Promise.all([
    listTagRows(db, workspaceId, ids),
    listAttributeRows(db, workspaceId, ids),
    listAttributeDefs(db, workspaceId),
  ]);
  const types = new Map(defs.map((d) => [d.name, d.type]));
  return rows.map((r) => {
    const attributes: Record<string, AttributeValue> = {};
    for (const a of attrs) if (a.contact_id === r.id) attributes[a.name] = shownValue(types.get(a.name), a);
    return {
      id: r.id,
      phone: isPhoneKey(r.wa_id) ? `+${r.wa_id}` : null,
      waId: r.wa_id,
      userId: r.user_id,
      username: r.username,
      name: r.name ?? r.profile_name,
      profileName: r.profile_name,
      email: r.email,
      externalId: r.external_id,
      language: r.language,
      attributes,
      tags: tags.filter((t) => t.contact_id === r.id).map((t) => t.tag),
      consent: {
        marketing: consentState(r),
        source: shownSource(r.consent_source),
        at: iso(r.consent_at),
        proof: r.consent_proof,
      },
      lastSeenAt: iso(r.last_inbound_at),
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      marketingOptIn: r.marketing_opt_in === null ? null : Number(r.marketing_opt_in) === 1,
      consentSource: r.consent_source,
      consentAt: iso(r.consent_at),
      lastInboundAt: iso(r.last_inbound_at),
    };
  });
}

export function viewConsentEvent(e: ConsentEventRow) {
  return {
    id: e.id,
    marketing: e.marketing,
    source: shownSource(e.source),
    at: iso(e.at)!,
    proof: e.proof,
    applied: Number(e.applied) === 1,
    recordedAt: iso(e.created_at)!,
  };
}
