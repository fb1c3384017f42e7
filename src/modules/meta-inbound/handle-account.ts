import { AccountUpdateValue, PhoneNumberQualityUpdateValue, TemplateStatusUpdateValue } from "../../graph/index.js";
import type { EventContext } from "./event-context.js";

// Account events after which a number's status or limits may have changed on Meta's side.
const HEALTH_EVENTS = new Set([
  "ACCOUNT_RESTRICTION",
  "ACCOUNT_VIOLATION",
  "DISABLED_UPDATE",
  "ACCOUNT_RECONNECTED",
  "ACCOUNT_OFFBOARDED",
]);

const issues = (e: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  e.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`);

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

  if (field === "message_template_status_update") {
    const p = TemplateStatusUpdateValue.safeParse(value);
    if (!p.success) return ctx.flag("invalid_change", where, issues(p.error));
    const t = p.data;
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

  if (field === "phone_number_quality_update") {
    const p = PhoneNumberQualityUpdateValue.safeParse(value);
    if (!p.success) return ctx.flag("invalid_change", where, issues(p.error));
    const q = p.data;
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

  const p = AccountUpdateValue.safeParse(value);
  if (!p.success) return ctx.flag("invalid_change", where, issues(p.error));
  const a = p.data;
  if (a.phone_number || HEALTH_EVENTS.has(a.event)) {
    await jobs.enqueue(ctx.trx, accountJobs.numberHealth, {
      wabaId,
      displayPhoneNumber: a.phone_number ?? null,
      messagingLimit: null,
    });
  }
  // PARTNER_REMOVED / ACCOUNT_OFFBOARDED mean the business took the WABA away from this app: the
  // workspace hears it here; the next token check or Graph call then marks the connection.
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
