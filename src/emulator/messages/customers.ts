import { createHash } from "node:crypto";
import type { CustomerRecord } from "../state/content-model.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { PhoneNumberRecord } from "../state/model.js";

/**
 * WhatsApp customers as Meta knows them since 2026 (Meta, "Business-scoped user IDs"): every
 * customer has a business-scoped user id (BSUID) per business portfolio, which every messages
 * webhook carries (`contacts[].user_id`, `messages[].from_user_id`, `statuses[].recipient_user_id`);
 * a portfolio linked under a parent adds the parent BSUID (`contacts[].parent_user_id`,
 * `messages[].from_parent_user_id`, `statuses[].recipient_parent_user_id`);
 * a customer who adopted a username shows it as `profile.username`, and may have their phone
 * withheld (no `wa_id`, no `from`, no `recipient_id`). A send reaches them with `recipient`.
 */

export type { CustomerRecord };

/** `CC.` then up to 128 alphanumerics; a parent BSUID has `ENT.` after the country (Meta's format). */
export const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** The country part of a BSUID, from the calling code; the emulator knows a few, "ZZ" otherwise. */
const COUNTRIES: [string, string][] = [
  ["1", "US"],
  ["44", "GB"],
  ["55", "BR"],
  ["91", "IN"],
  ["49", "DE"],
  ["33", "FR"],
  ["34", "ES"],
  ["52", "MX"],
  ["62", "ID"],
];

const countryOf = (waId: string) => COUNTRIES.find(([code]) => waId.startsWith(code))?.[1] ?? "ZZ";
const digitsOf = (scope: string, waId: string) =>
  (createHash("sha256").update(`${scope}:${waId}`).digest().readBigUInt64BE(0) % 10n ** 19n).toString();

/** Stable for one phone and one business portfolio, different across portfolios (as Meta's). */
export function bsuidOf(businessId: string, waId: string): string {
  return `${countryOf(waId)}.${digitsOf(businessId, waId)}`;
}

/** The parent BSUID: one per phone and parent, shared by the portfolios linked under it (`CC.ENT.`). */
export function parentBsuidOf(parentId: string, waId: string): string {
  return `${countryOf(waId)}.ENT.${digitsOf(`parent:${parentId}`, waId)}`;
}

export function businessOf(state: EmulatorState, phone: PhoneNumberRecord): string {
  return state.wabas.get(phone.wabaId)?.businessId ?? phone.wabaId;
}

/** The customer behind a phone, as this number's business sees them (created on first sight). */
export function customerByPhone(state: EmulatorState, phone: PhoneNumberRecord, waId: string): CustomerRecord {
  const businessId = businessOf(state, phone);
  const bsuid = bsuidOf(businessId, waId);
  return withParent(state, state.customers.get(bsuid) ?? { bsuid, waId, businessId, phoneWithheld: false });
}

/** The parent BSUID as the portfolio's parent is now (the control API links or unlinks it). */
function withParent(state: EmulatorState, customer: CustomerRecord): CustomerRecord {
  const parentId = state.businesses.get(customer.businessId)?.parentId;
  if (parentId) customer.parentBsuid = parentBsuidOf(parentId, customer.waId);
  else delete customer.parentBsuid;
  return customer;
}

/** A BSUID given in a send's `recipient`: known only if that customer met this business. */
export function customerByBsuid(
  state: EmulatorState,
  phone: PhoneNumberRecord,
  bsuid: string,
): CustomerRecord | undefined {
  const c = state.customers.get(bsuid);
  return c && c.businessId === businessOf(state, phone) ? withParent(state, c) : undefined;
}

/** Meta's `contacts[]` entry for this customer: no `wa_id` when the phone is withheld. */
export function contactEntry(c: CustomerRecord, name: string | undefined): Record<string, unknown> {
  return {
    profile: { ...(name !== undefined ? { name } : {}), ...(c.username ? { username: c.username } : {}) },
    ...(c.phoneWithheld ? {} : { wa_id: c.waId }),
    user_id: c.bsuid,
    ...(c.parentBsuid ? { parent_user_id: c.parentBsuid } : {}),
  };
}
