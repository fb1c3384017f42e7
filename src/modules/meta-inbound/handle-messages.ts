import { InboundMessage, MessageStatusUpdate } from "../../channels/index.js";
import { noteMarketingPreference, resolveCustomer } from "../inbox/index.js";
import { moveCustomerMessages, type StatusUpdateInput } from "../messages/index.js";
import { TRACKED_STATUSES } from "./apply-statuses.js";
import { arr, obj, str, type EventContext } from "./event-context.js";
import type { Owner } from "./route-cache.js";
import { UNMATCHED_DELAYS_MS } from "./retry-unmatched.js";

type Where = { field: string; wabaId: string; metaPhoneNumberId: string };

/** A `messages` change: inbound messages, statuses of ours, and Meta's value-level errors. */
export async function handleMessagesChange(ctx: EventContext, wabaId: string, value: unknown): Promise<void> {
  const v = obj(value);
  const metaPhoneNumberId = str(obj(v?.metadata)?.phone_number_id);
  if (!v || !metaPhoneNumberId)
    return ctx.flag("invalid_change", { field: "messages", wabaId }, "value.metadata.phone_number_id is missing");
  const where = { field: "messages", wabaId, metaPhoneNumberId };
  const messages = arr(v.messages);
  const statuses = arr(v.statuses);
  const owners = await ctx.routes.ownersOf(metaPhoneNumberId, wabaId);
  if (owners.length === 0)
    return ctx.flag("unknown_number", where, { messages: messages.length, statuses: statuses.length });
  // contacts[] by phone and by BSUID: a username customer's entry may have only user_id (2026).
  const contacts = new Map<string, Record<string, unknown>>();
  for (const c of arr(v.contacts)) {
    const entry = obj(c);
    if (!entry) continue;
    for (const key of [str(entry.wa_id), str(entry.user_id)]) if (key) contacts.set(key, entry);
  }
  for (const raw of messages) await handleInbound(ctx, owners, where, raw, contacts);
  for (const raw of statuses) handleStatus(ctx, owners, where, raw);
  for (const e of arr(v.errors)) ctx.flag("meta_error", where, e);
}

async function handleInbound(
  ctx: EventContext,
  owners: Owner[],
  where: Where,
  raw: unknown,
  contacts: Map<string, Record<string, unknown>>,
): Promise<void> {
  const m = obj(raw);
  const wamid = str(m?.id);
  const phone = str(m?.from) ?? null;
  // Since 2026 the customer's business-scoped user id; alone when Meta withholds the phone.
  const userId = str(m?.from_user_id) ?? null;
  const type = str(m?.type);
  const sender = phone ?? userId;
  // Without these three there is nothing to key, thread or show; everything else is kept as Meta sent it.
  if (!m || !wamid || !sender || !type || wamid.length > 256 || sender.length > 140 || type.length > 64)
    return ctx.flag("invalid_message", where, {
      note: "not stored: id, type, or both from and from_user_id missing",
      message: raw,
    });
  if (!InboundMessage.safeParse(raw).success)
    ctx.flag("invalid_message", where, { note: "stored as received; its body does not match Meta's schema", wamid });
  const timestamp = ctx.metaTime(m.timestamp);
  const contact = (phone ? contacts.get(phone) : undefined) ?? (userId ? contacts.get(userId) : undefined);
  const profile = obj(contact?.profile);
  const profileName = str(profile?.name)?.slice(0, 200) ?? null;
  const who = {
    phone,
    userId: userId ?? str(contact?.user_id)?.slice(0, 140) ?? null,
    parentUserId: (str(m.from_parent_user_id) ?? str(contact?.parent_user_id))?.slice(0, 140) ?? null,
    username: str(profile?.username)?.slice(0, 100) ?? null,
  };
  // Looking a customer up by their BSUID reads (and may fold) contacts: what is gathered is stored first.
  if (who.userId || who.username || who.parentUserId) await ctx.flushInbound();
  for (const owner of owners) {
    const { waId: from, mergedFrom } = await resolveCustomer(ctx.trx, ctx.deps, owner.workspaceId, who);
    if (mergedFrom) await moveCustomerMessages(ctx.trx, owner.workspaceId, mergedFrom, from);
    // Stored with the transaction's other inbound messages (`applyInboundBatch`).
    ctx.inbound.push({
      owner,
      metaPhoneNumberId: where.metaPhoneNumberId,
      from,
      wamid,
      type,
      raw: m,
      timestamp,
      contextWamid: str(obj(m.context)?.id),
      profileName,
    });
  }
}

/** Parses and checks one status; it is applied with the transaction's others (`applyStatusBatch`). */
function handleStatus(ctx: EventContext, owners: Owner[], where: Where, raw: unknown): void {
  const parsed = MessageStatusUpdate.safeParse(raw);
  if (!parsed.success)
    return ctx.flag("invalid_status", where, {
      issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`),
      status: raw,
    });
  const s = parsed.data;
  // "played" (a voice message was listened to) has no place in sent < delivered < read.
  if (s.status === "played") return;
  if (!(TRACKED_STATUSES as readonly string[]).includes(s.status))
    return ctx.flag("invalid_status", where, { wamid: s.id, status: s.status });
  const err = s.errors?.[0];
  const input: StatusUpdateInput = {
    wamid: s.id,
    status: s.status as StatusUpdateInput["status"],
    timestamp: ctx.metaTime(s.timestamp),
    ...(s.biz_opaque_callback_data ? { callbackData: s.biz_opaque_callback_data } : {}),
    error: err
      ? {
          code: err.code,
          title: err.title ?? null,
          message: err.message ?? null,
          details: err.error_data?.details ?? null,
        }
      : null,
    ...(s.pricing
      ? {
          pricing: {
            billable: s.pricing.billable ?? null,
            category: s.pricing.category ?? null,
            pricingModel: s.pricing.pricing_model ?? null,
            type: s.pricing.type ?? null,
          },
        }
      : {}),
  };
  ctx.statuses.push({
    owners,
    input,
    unmatched: (now) => ({
      meta_phone_number_id: where.metaPhoneNumberId,
      wamid: s.id,
      status: s.status,
      waba_id: where.wabaId,
      payload: JSON.stringify(input),
      state: "waiting",
      attempts: 0,
      run_at: now + UNMATCHED_DELAYS_MS[0]!,
      event_id: ctx.eventId,
      created_at: now,
    }),
  });
}

/** `user_preferences`: the customer stopped or resumed marketing messages from WhatsApp itself. */
export async function handleUserPreferences(ctx: EventContext, wabaId: string, value: unknown): Promise<void> {
  const v = obj(value);
  const metaPhoneNumberId = str(obj(v?.metadata)?.phone_number_id);
  if (!v || !metaPhoneNumberId)
    return ctx.flag(
      "invalid_change",
      { field: "user_preferences", wabaId },
      "value.metadata.phone_number_id is missing",
    );
  const owners = await ctx.routes.ownersOf(metaPhoneNumberId, wabaId);
  // A choice that follows a message in Meta's order is recorded after it.
  await ctx.flushInbound();
  if (owners.length === 0)
    return ctx.flag(
      "unknown_number",
      { field: "user_preferences", wabaId, metaPhoneNumberId },
      "no workspace owns this number",
    );
  for (const raw of arr(v.user_preferences)) {
    const p = obj(raw);
    const waId = str(p?.wa_id);
    const choice = str(p?.value);
    if (!waId || str(p?.category) !== "marketing_messages" || (choice !== "stop" && choice !== "resume")) continue;
    for (const owner of owners) {
      const optIn = choice === "resume";
      if (
        await noteMarketingPreference(ctx.trx, ctx.deps, owner.workspaceId, {
          waId,
          optIn,
          at: ctx.metaTime(p?.timestamp),
        })
      ) {
        await ctx.emit(owner.workspaceId, {
          type: optIn ? "contact.opted_in" : "contact.opted_out",
          at: ctx.deps.clock.now(),
          data: { waId, source: "user_preferences" },
        });
      }
    }
  }
}
