import { AccountChange } from "../../channels/index.js";
import { mergeCapabilities, setAccountEvent } from "../connection/index.js";
import type { EventContext } from "./event-context.js";

/** The first problems with a change's value, by their path inside it. */
const issues = (e: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  e.issues.slice(0, 3).map((i) => `${i.path.slice(1).join(".")}: ${i.message}`);

/** The template a quality or category webhook names, as the details job takes it. */
const templateRef = (
  wabaId: string,
  t: { message_template_id: string | number; message_template_name: string; message_template_language: string },
) => ({
  wabaId,
  metaTemplateId: String(t.message_template_id),
  name: t.message_template_name,
  language: t.message_template_language,
});

/** Template status, number quality and account changes: WABA-level, for every workspace connected to the WABA. */
export async function handleAccountChange(
  ctx: EventContext,
  wabaId: string,
  field: string,
  value: unknown,
): Promise<void> {
  const where = { field, wabaId };
  const workspaces = await ctx.routes.workspacesOf(wabaId);
  if (workspaces.length === 0) return ctx.flag("unknown_waba", where, "no workspace is connected to this WABA");
  const { jobs, accountJobs } = ctx.deps;
  const parsed = AccountChange.safeParse({ field, value });
  if (!parsed.success) return ctx.flag("invalid_change", where, issues(parsed.error));
  const change = parsed.data;

  if (change.field === "message_template_status_update") {
    const t = change.value;
    const reason =
      (t.reason && t.reason !== "NONE" ? t.reason : null) ??
      t.rejection_info?.reason ??
      t.other_info?.description ??
      null;
    const update = {
      wabaId,
      metaTemplateId: String(t.message_template_id),
      name: t.message_template_name,
      language: t.message_template_language,
      event: t.event,
      reason,
    };
    // `template.status` is recorded by the templates module once it has applied the change, with
    // Wharf's template id and the status it stored.
    await jobs.enqueue(ctx.trx, accountJobs.templateStatus, update);
    return;
  }

  if (change.field === "message_template_quality_update" || change.field === "template_category_update") {
    if (change.field === "message_template_quality_update") {
      const t = change.value;
      await jobs.enqueue(ctx.trx, accountJobs.templateDetails, {
        ...templateRef(wabaId, t),
        qualityScore: { previous: t.previous_quality_score ?? null, current: t.new_quality_score },
      });
      return;
    }
    const t = change.value;
    await jobs.enqueue(ctx.trx, accountJobs.templateDetails, {
      ...templateRef(wabaId, t),
      category: {
        previous: t.previous_category ?? null,
        current: t.new_category,
        upcoming: t.previous_category === undefined ? (t.correct_category ?? null) : null,
      },
    });
    return;
  }

  if (change.field === "business_capability_update") {
    const changed = change.value as Record<string, unknown>;
    await mergeCapabilities(ctx.trx, wabaId, changed);
    // A capability change (a new limit, a restriction lifted) may change what the numbers can do.
    await jobs.enqueue(ctx.trx, accountJobs.numberHealth, { wabaId, displayPhoneNumber: null, messagingLimit: null });
    for (const ws of workspaces)
      await ctx.emit(ws, { type: "account.capabilities", at: ctx.deps.clock.now(), data: { wabaId, changed } });
    return;
  }

  if (change.field === "phone_number_quality_update") {
    const q = change.value;
    const limit =
      q.current_limit ??
      (typeof q.max_daily_conversations_per_business === "string" ? q.max_daily_conversations_per_business : null);
    await jobs.enqueue(ctx.trx, accountJobs.numberHealth, {
      wabaId,
      displayPhoneNumber: q.display_phone_number,
      messagingLimit: limit,
    });
    const data = {
      wabaId,
      displayPhoneNumber: q.display_phone_number,
      event: q.event,
      messagingLimit: limit,
      previousLimit: q.old_limit ?? null,
    };
    for (const ws of workspaces) await ctx.emit(ws, { type: "phone_number.quality", at: ctx.deps.clock.now(), data });
    return;
  }

  const a = change.value;
  // Any account_update may change a number's health_status (a restriction or ban, or its lifting):
  // Meta's phone number node is read again, and a number that cannot send is paused.
  await jobs.enqueue(ctx.trx, accountJobs.numberHealth, {
    wabaId,
    displayPhoneNumber: a.phone_number ?? null,
    messagingLimit: null,
  });
  // PARTNER_REMOVED / ACCOUNT_OFFBOARDED mean the business took the WABA away from this app: the
  // workspace hears it here; the next token check or Graph call then marks the connection.
  await setAccountEvent(ctx.trx, wabaId, {
    event: a.event,
    detail: {
      ...(a.ban_info ? { banInfo: a.ban_info } : {}),
      ...(a.restriction_info ? { restrictionInfo: a.restriction_info } : {}),
      ...(a.violation_info ? { violationInfo: a.violation_info } : {}),
      ...(a.phone_number ? { phoneNumber: a.phone_number } : {}),
    },
    at: ctx.deps.clock.now(),
  });
  const data = {
    wabaId,
    event: a.event,
    phoneNumber: a.phone_number ?? null,
    banInfo: a.ban_info ?? null,
    restrictionInfo: a.restriction_info ?? null,
    violationInfo: a.violation_info ?? null,
  };
  for (const ws of workspaces) await ctx.emit(ws, { type: "account.update", at: ctx.deps.clock.now(), data });
}
