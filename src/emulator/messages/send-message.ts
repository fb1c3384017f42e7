import { SendMessageRequest } from "../../graph/index.js";
import type { EmulatorContext } from "../core/context.js";
import { wamid } from "../core/ids.js";
import { zodToGraphError } from "../http/zod-errors.js";
import { registrationErrors } from "../phone-numbers/registration-errors.js";
import type { SentMessage, StatusName, TemplateRecord } from "../state/content-model.js";
import type { PhoneNumberRecord } from "../state/model.js";
import { asyncFailures, sendErrors } from "./message-errors.js";
import { checkPairRate, checkThroughput, checkUniqueRecipients, windowOpen, type LimitCheck } from "./rate-limits.js";
import { BSUID, customerByBsuid, customerByPhone, type CustomerRecord } from "./customers.js";
import { checkTemplateSend } from "./template-check.js";
import { checkProducts } from "./product-check.js";
import { portfolioOf, tierLimit } from "../portfolio/messaging-limit.js";

const MEDIA_TYPES = new Set(["image", "video", "audio", "document", "sticker"]);

/** `+1 (650) 555-1234` → `16505551234`; Meta accepts `+`, spaces, dashes and parentheses. */
export function normalizeRecipient(to: string): string {
  const digits = to.replace(/[\s\-().+]/g, "");
  if (!/^\d{7,15}$/.test(digits)) throw sendErrors.invalidRecipient(to);
  return digits;
}

/**
 * Who a send reaches: `to` (a phone) wins over `recipient` (a BSUID) when both are given; a
 * BSUID this business never met, or not in Meta's format, is refused like an invalid `to`.
 */
function recipientOf(
  ctx: EmulatorContext,
  phone: PhoneNumberRecord,
  to: string | undefined,
  recipient: string | undefined,
): CustomerRecord {
  if (to !== undefined) return customerByPhone(ctx.state, phone, normalizeRecipient(to));
  const known = BSUID.test(recipient!) ? customerByBsuid(ctx.state, phone, recipient!) : undefined;
  if (!known) throw sendErrors.invalidBsuid(recipient!);
  return known;
}

/** Refusals by Meta code, so tests can assert a client never provoked one (e.g. 130429). */
export const refusalCounts = new WeakMap<EmulatorContext["state"], Map<number, number>>();

function accept(ctx: EmulatorContext, check: LimitCheck, error: () => Error): () => void {
  if (!check.ok) {
    const err = error();
    const code = (err as { fields?: { code?: number } }).fields?.code ?? 0;
    const counts = refusalCounts.get(ctx.state) ?? new Map<number, number>();
    counts.set(code, (counts.get(code) ?? 0) + 1);
    refusalCounts.set(ctx.state, counts);
    throw err;
  }
  return check.commit;
}

/**
 * `POST /{phone_number_id}/messages` for a send. Refusals Meta makes at once are thrown (bad
 * body 100, unregistered 133010, template 132001/132000, unknown catalog or product 131009, throughput 130429, pair rate 131056,
 * the portfolio's messaging limit 131048); failures Meta only finds while delivering (closed window 131047,
 * unreachable recipient 131026, unknown media 131053) are accepted and reported as `failed`.
 */
export function sendMessage(ctx: EmulatorContext, phone: PhoneNumberRecord, body: unknown) {
  const parsed = SendMessageRequest.safeParse(body);
  if (!parsed.success) throw zodToGraphError(parsed.error, body);
  const msg = parsed.data;
  if (!phone.registered) throw registrationErrors.notRegistered();
  if (phone.health?.canSend === "BLOCKED") throw registrationErrors.blocked();
  const customer = recipientOf(ctx, phone, msg.to, msg.recipient);
  const waId = customer.waId;
  if (waId === phone.displayPhoneNumber.replace(/\D/g, "")) throw sendErrors.recipientIsSender();

  const { state, options } = ctx;
  const now = ctx.clock.now();
  const template: TemplateRecord | undefined =
    msg.type === "template" ? checkTemplateSend(state, phone.wabaId, msg.template) : undefined;
  checkProducts(state, phone, msg);
  const open = windowOpen(state, phone.id, waId, now);
  const commits = [
    accept(ctx, checkThroughput(state, phone.id, phone.throughputMps, now), sendErrors.throughput),
    accept(ctx, checkPairRate(state, `${phone.id}:${waId}`, options.pairRate, now), sendErrors.pairRate),
  ];
  const portfolio = portfolioOf(state, phone);
  const limit = portfolio ? tierLimit(portfolio.messagingLimit) : Number.POSITIVE_INFINITY;
  if (template && !open && portfolio && Number.isFinite(limit)) {
    commits.push(
      accept(ctx, checkUniqueRecipients(state, portfolio.id, waId, limit, now), () => sendErrors.messagingLimit(limit)),
    );
  }
  for (const commit of commits) commit();

  const rule = options.recipientRules.find((r) => waId.endsWith(r.suffix));
  const mediaId = MEDIA_TYPES.has(msg.type)
    ? ((msg as Record<string, unknown>)[msg.type] as { id?: string }).id
    : undefined;
  const failure =
    !template && !open
      ? asyncFailures.reEngagement()
      : rule?.outcome === "undeliverable"
        ? asyncFailures.undeliverable()
        : mediaId !== undefined && !state.media.has(mediaId)
          ? asyncFailures.mediaNotFound(mediaId)
          : undefined;

  const message: SentMessage = {
    wamid: wamid(waId),
    phoneNumberId: phone.id,
    to: msg.to ?? customer.bsuid,
    waId,
    userId: customer.bsuid,
    ...(customer.parentBsuid ? { parentUserId: customer.parentBsuid } : {}),
    ...(msg.to === undefined && customer.phoneWithheld ? { phoneWithheld: true } : {}),
    type: msg.type,
    body,
    acceptedAt: now,
    statuses: [],
    ...(failure ? { failure: { code: failure.code, title: failure.title, details: failure.error_data.details } } : {}),
  };
  state.rememberMessage(message, options.maxStoredMessages);
  const category = template ? template.category.toLowerCase() : "service";
  const billable = template ? !(open && category === "utility") : false;
  const final: StatusName = failure ? "failed" : rule?.outcome === "no_read_receipts" ? "delivered" : "read";
  ctx.statuses.enqueue(
    message,
    {
      category,
      billable,
      type: billable ? "regular" : "free_customer_service",
      ...(msg.biz_opaque_callback_data !== undefined ? { callbackData: msg.biz_opaque_callback_data } : {}),
    },
    final,
  );
  return {
    messaging_product: "whatsapp",
    contacts: [
      msg.to !== undefined || !customer.phoneWithheld
        ? { input: msg.to ?? customer.bsuid, wa_id: waId, user_id: customer.bsuid }
        : { input: customer.bsuid, user_id: customer.bsuid },
    ],
    messages: [template ? { id: message.wamid, message_status: "accepted" } : { id: message.wamid }],
  };
}
