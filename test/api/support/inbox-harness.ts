import { sql } from "kysely";
import { seedConnectedNumber } from "../../support/seed-connected-number.js";
import { signWebhookBody } from "../../../src/graph/index.js";
import { approveInDialog } from "../../support/meta-dialog.js";
import type { StartedWharf } from "../../support/wharf.js";
import type { Json } from "../../support/json.js";

/** Helpers for the inbound (webhooks, inbox, events out) API tests: one started Wharf in sandbox mode. */
export function inboxHarness(w: () => StartedWharf) {
  async function api(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${w().url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? safeJson(text) : null };
  }

  const emulator = (path: string, body?: unknown) =>
    fetch(`${w().url}/_meta/_emulator${path}`, {
      method: body === undefined ? "GET" : "POST",
      ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    }).then((r) => r.json() as Promise<Json>);

  /** Connects a workspace to the emulator's WABA through Meta's dialog; returns Meta's ids. */
  async function connect(token: string): Promise<{ wabaId: string; metaPhoneNumberId: string; phoneNumberId: string }> {
    const prep = await api("POST", "/v1/connection/prepare", token);
    const { code, state } = await approveInDialog(prep.body.authorizationUrl);
    const res = await api("POST", "/v1/connection/connect", token, { code, state });
    if (res.status !== 200) throw new Error(`connect failed: ${JSON.stringify(res.body)}`);
    const numbers = (await api("GET", "/v1/phone-numbers", token)).body.data;
    const st = await emulator("/state");
    const meta = st.wabas[0].phoneNumbers[0].id as string;
    return {
      wabaId: st.wabas[0].id,
      metaPhoneNumberId: meta,
      phoneNumberId: numbers.find((n: Json) => n.metaPhoneNumberId === meta).id,
    };
  }

  /**
   * A second tenant on a WABA the emulator does not have: its connection and number are written
   * as the connection module would after a connect (there is one WABA in the emulator).
   */
  async function seedOtherTenant(
    workspaceId: string,
    ids: { wabaId: string; metaPhoneNumberId: string },
  ): Promise<string> {
    const db = w().wharf.database.db;
    const pn = `pn_seed${Math.random().toString(36).slice(2, 12)}`;
    await seedConnectedNumber(db, { workspaceId, ...ids, phoneNumberId: pn, active: false });
    return pn;
  }

  /** An outbound message as the send path leaves it once Meta answered with its wamid. */
  async function insertOutbound(
    workspaceId: string,
    m: { phoneNumberId: string; waId: string; wamid: string },
  ): Promise<string> {
    const id = `msg_test${Math.random().toString(36).slice(2, 14)}`;
    const now = Date.now();
    await sql`insert into messages (id, workspace_id, direction, phone_number_id, wa_id, type, content, status, status_rank, wamid, business_initiated, created_at, updated_at)
              values (${id}, ${workspaceId}, 'outbound', ${m.phoneNumberId}, ${m.waId}, 'text', '{"body":"hi"}', 'sending', 1, ${m.wamid}, 0, ${now}, ${now})`.execute(
      w().wharf.database.db,
    );
    return id;
  }

  /** A body signed with the sandbox app's secret, as Meta would post it. */
  async function postSigned(body: string | Buffer, signature?: string): Promise<number> {
    const res = await fetch(`${w().url}/webhooks/meta`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signature ?? signWebhookBody(body, w().wharf.meta.appSecret),
      },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  }

  /** Waits until the worker has processed everything stored so far (the operator's stats say so). */
  async function settle(): Promise<void> {
    await eventually(
      () => api("GET", "/v1/webhooks/meta/stats", w().adminToken),
      (r) => r.status === 200 && !r.body.events.pending,
      10_000,
    );
  }

  return { api, emulator, connect, seedOtherTenant, insertOutbound, postSigned, settle };
}

export function messagesValue(
  ids: { wabaId: string; metaPhoneNumberId: string },
  value: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] },
) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: ids.wabaId,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: ids.metaPhoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export const textMessage = (from: string, wamid: string, body: string, ts = Math.floor(Date.now() / 1000)) => ({
  from,
  id: wamid,
  timestamp: String(ts),
  type: "text",
  text: { body },
});

export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
