import type { ChannelSession, GraphList, PhoneNumber } from "../../channels/index.js";
import { newId } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection, upsertConnection } from "./connection.repo.js";
import { channelFailure as metaFailure } from "../../channels/index.js";
import { upsertPhoneNumbersFromMeta, type PhoneNumberFromMeta } from "./phone-numbers.repo.js";
import { channelForWorkspace, type WorkspaceChannelDeps } from "./workspace-channel.js";
import { healthFromMeta } from "./health-fields.js";

/** Meta's throughput level as messages per second (Cloud API: 80 by default, up to 1,000 when upgraded). */
export function throughputMps(level: string | undefined): number {
  return level === "HIGH" ? 1000 : 80;
}

function fromMeta(wabaId: string, businessId: string | null, n: PhoneNumber): PhoneNumberFromMeta {
  return {
    meta_phone_number_id: n.id,
    waba_id: wabaId,
    business_id: businessId,
    display_phone_number: n.display_phone_number ?? n.id,
    verified_name: n.verified_name ?? null,
    quality_rating: n.quality_rating ?? null,
    messaging_limit: n.whatsapp_business_manager_messaging_limit ?? n.messaging_limit_tier ?? null,
    throughput_mps: throughputMps(n.throughput?.level),
    status: n.status ?? null,
    code_verification_status: n.code_verification_status ?? null,
    name_status: n.name_status ?? null,
    ...healthFromMeta(n),
  };
}

type ListPage = (q: { after?: string; limit: number }) => Promise<GraphList<PhoneNumber>>;

/** Every number of the WABA, following Meta's cursor paging. */
async function readAllNumbers(
  list: ListPage,
  wabaId: string,
  businessId: string | null,
): Promise<PhoneNumberFromMeta[]> {
  const out: PhoneNumberFromMeta[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await list(after ? { after, limit: 100 } : { limit: 100 }).catch((err) =>
      Promise.reject(metaFailure(err, "reading the phone numbers")),
    );
    out.push(...res.data.map((n) => fromMeta(wabaId, businessId, n)));
    after = res.paging?.next ? res.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return out;
}

/** With a session whose secret is not stored yet (during connect). */
export const fetchPhoneNumbers = (session: Pick<ChannelSession, "numbers" | "accountId">, businessId: string | null) =>
  readAllNumbers((q) => session.numbers.list(q), session.accountId, businessId);

/**
 * Re-reads the numbers from Meta (on demand and on a schedule); our own flags are kept. The WABA's
 * owner business is read again too: the portfolio whose messaging limit the numbers share.
 */
export async function syncPhoneNumbers(deps: WorkspaceChannelDeps, workspaceId: WorkspaceId): Promise<number> {
  const g = await channelForWorkspace(deps, workspaceId);
  const owner = await g.account.get(["id", "owner_business_info"]).then(
    (waba) => waba.owner_business_info?.id ?? null,
    () => null,
  );
  const businessId = owner ?? (await findConnection(deps.db, workspaceId))?.business_id ?? null;
  const numbers = await readAllNumbers((q) => g.numbers.list(q), g.accountId, businessId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (owner) await upsertConnection(trx, workspaceId, { business_id: owner, updated_at: now });
    await upsertPhoneNumbersFromMeta(trx, workspaceId, numbers, now, () => newId("pn", now));
  });
  return numbers.length;
}
