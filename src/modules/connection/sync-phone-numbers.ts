import type { GraphClient, GraphList, PhoneNumber } from "../../graph/index.js";
import { newId } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { metaFailure } from "./meta-failure.js";
import { upsertPhoneNumbersFromMeta, type PhoneNumberFromMeta } from "./phone-numbers.repo.js";
import { graphForWorkspace, type WorkspaceGraphDeps } from "./workspace-graph.js";

/** Meta's throughput level as messages per second (Cloud API: 80 by default, up to 1,000 when upgraded). */
export function throughputMps(level: string | undefined): number {
  return level === "HIGH" ? 1000 : 80;
}

function fromMeta(wabaId: string, n: PhoneNumber): PhoneNumberFromMeta {
  return {
    meta_phone_number_id: n.id,
    waba_id: wabaId,
    display_phone_number: n.display_phone_number ?? n.id,
    verified_name: n.verified_name ?? null,
    quality_rating: n.quality_rating ?? null,
    messaging_limit: n.whatsapp_business_manager_messaging_limit ?? n.messaging_limit_tier ?? null,
    throughput_mps: throughputMps(n.throughput?.level),
    status: n.status ?? null,
    code_verification_status: n.code_verification_status ?? null,
  };
}

type ListPage = (q: { after?: string; limit: number }) => Promise<{ data: GraphList<PhoneNumber> }>;

/** Every number of the WABA, following Meta's cursor paging. */
async function readAllNumbers(list: ListPage, wabaId: string): Promise<PhoneNumberFromMeta[]> {
  const out: PhoneNumberFromMeta[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await list(after ? { after, limit: 100 } : { limit: 100 }).catch((err) =>
      Promise.reject(metaFailure(err, "reading the phone numbers")),
    );
    out.push(...res.data.data.map((n) => fromMeta(wabaId, n)));
    after = res.data.paging?.next ? res.data.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return out;
}

/** With a token not stored yet (during connect). */
export const fetchPhoneNumbers = (graph: Pick<GraphClient, "wabas">, token: string, wabaId: string) =>
  readAllNumbers((q) => graph.wabas.listPhoneNumbers(token, wabaId, q), wabaId);

/** Re-reads the numbers from Meta (on demand and on a schedule); our own flags are kept. */
export async function syncPhoneNumbers(deps: WorkspaceGraphDeps, workspaceId: WorkspaceId): Promise<number> {
  const g = await graphForWorkspace(deps, workspaceId);
  const numbers = await readAllNumbers((q) => g.wabas.listPhoneNumbers(g.wabaId, q), g.wabaId);
  const now = deps.clock.now();
  await deps.db
    .transaction()
    .execute((trx) => upsertPhoneNumbersFromMeta(trx, workspaceId, numbers, now, () => newId("pn", now)));
  return numbers.length;
}
