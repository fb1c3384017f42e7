import type { Executor, AnyDb } from "../../../platform/db/index.js";
import { marketingConsent } from "../../inbox/index.js";
import { lastInboundAt, lastInboundByRecipient } from "../messages.repo.js";
import type { AdmissionFacts, OutboundIntent } from "./intent.js";

const needsConsent = (i: OutboundIntent) => i.template?.category === "MARKETING";

/**
 * The recipient facts the rules read, one query per kind per number: a single send reads its
 * customer's window with the prepared hot query, a campaign chunk all its customers at once.
 */
export async function loadFacts(db: AnyDb | Executor, intents: OutboundIntent[]): Promise<AdmissionFacts[]> {
  const facts: AdmissionFacts[] = intents.map(() => ({ lastInboundAt: null }));
  const groups = new Map<string, number[]>();
  intents.forEach((i, n) => {
    const key = `${i.workspaceId}\u0000${i.phone.id}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  });
  for (const indexes of groups.values()) {
    const first = intents[indexes[0]!]!;
    const waIds = [...new Set(indexes.map((n) => intents[n]!.waId))];
    const windows =
      waIds.length === 1
        ? new Map([[waIds[0]!, await lastInboundAt(db, first.workspaceId, first.phone.id, waIds[0]!)]])
        : await lastInboundByRecipient(db, first.workspaceId, first.phone.id, waIds);
    const marketing = indexes.filter((n) => needsConsent(intents[n]!));
    const consent =
      marketing.length > 0
        ? await marketingConsent(db, first.workspaceId, [...new Set(marketing.map((n) => intents[n]!.waId))])
        : null;
    for (const n of indexes) {
      const waId = intents[n]!.waId;
      facts[n] = {
        lastInboundAt: windows.get(waId) ?? null,
        ...(consent && needsConsent(intents[n]!) ? { consent: consent.get(waId) ?? null } : {}),
      };
    }
  }
  return facts;
}
