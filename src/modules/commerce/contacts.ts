import type { Clock } from "../../platform/clock.js";
import { findContact, recordConsent, upsertContact } from "../inbox/index.js";
import type { CommerceContacts } from "./contact-port.js";

/** `{idOrPhone}` of a path: our contact id, a BSUID, or a phone (`+` or not). */
const keyOf = (idOrPhone: string) =>
  /^ctc_/.test(idOrPhone)
    ? { id: idOrPhone }
    : /^[A-Z]{2}\./.test(idOrPhone)
      ? { waId: idOrPhone }
      : { phone: idOrPhone };

/** Commerce's view of inbox's contacts. */
export function commerceContacts(deps: { clock: Clock }): CommerceContacts {
  return {
    async upsert(trx, workspaceId, who, profile) {
      const c = await upsertContact(trx, deps, workspaceId, who, profile.name ? { name: profile.name } : {});
      return { id: c.id, waId: c.waId };
    },
    async recordConsent(trx, workspaceId, contact, consent) {
      await recordConsent(trx, deps, workspaceId, contact.waId, {
        marketing: consent.optIn ? "opted_in" : "opted_out",
        source: "store",
        at: consent.at,
        proof: consent.proof,
      });
    },
    async find(db, workspaceId, idOrPhone) {
      const c = await findContact(db, workspaceId, keyOf(idOrPhone));
      return c ? { id: c.id } : null;
    },
  };
}
