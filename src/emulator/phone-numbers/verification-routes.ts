import { randomInt } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { AddPhoneNumberRequest, RequestVerificationCodeRequest, VerifyCodeRequest } from "../../graph/index.js";
import { requireManagement } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { numericId } from "../core/ids.js";
import { zodToGraphError } from "../http/zod-errors.js";
import { edgeCall } from "../nodes/edges.js";
import { registrationErrors } from "./registration-errors.js";
import { graphBody, managedPhone } from "./registration-routes.js";

const DAY_MS = 24 * 60 * 60_000;
/** Limits the emulator applies to codes (Meta does not publish its figures; it answers 136024 past them). */
const MAX_CODE_REQUESTS_PER_DAY = 5;
const MAX_WRONG_CODES = 3;

/** Meta's display name guidelines, the part a machine can check: no "WhatsApp", not only digits or symbols. */
function acceptableDisplayName(name: string): boolean {
  return !/whats\s*app|facebook|meta\b/i.test(name) && /[a-z]/i.test(name);
}

/**
 * Adding a number to a WABA and proving ownership with a one-time code (`request_code`, then
 * `verify_code`). No SMS leaves the emulator: the code is shown in `/_emulator/state` and at
 * `GET /_emulator/phone-numbers/{id}/otp`. With `migrate_phone_number` a number of another WABA
 * moves here (a new id) if two-step verification is off there (else 100/2388103); a number in no
 * WABA cannot be migrated (100/2388091); a rejected display name is 100 on `verified_name`; more
 * than 5 code requests a day or 3 wrong codes in a row is 136024.
 */
export function registerVerificationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/:version/:id/phone_numbers", async (request) => {
    const params = edgeCall(ctx, request, "POST", "phone_numbers", "waba", requireManagement);
    const body = graphBody(request);
    const parsed = AddPhoneNumberRequest.safeParse(body);
    if (!parsed.success) throw zodToGraphError(parsed.error, body);
    const { cc, phone_number, verified_name, migrate_phone_number } = parsed.data;
    if (verified_name !== undefined && !acceptableDisplayName(verified_name))
      throw registrationErrors.displayNameRejected();
    const digits = `${cc}${phone_number}`;
    const current = [...ctx.state.phoneNumbers.values()].find(
      (p) => p.displayPhoneNumber.replace(/\D/g, "") === digits,
    );
    const waba = ctx.state.wabas.get(params.id)!;
    if (current && (!migrate_phone_number || current.wabaId === waba.id)) throw registrationErrors.alreadyInWaba();
    if (migrate_phone_number && !current) throw registrationErrors.notBeingMigrated();
    // Migration: Meta refuses while two-step verification is on at the source (the business must
    // turn it off there); otherwise the number moves, keeping its name, and must verify again.
    if (current && current.pin !== null) throw registrationErrors.twoStepEnabled();
    const id = numericId(15);
    // The number leaves its old WABA (and its provider) for good.
    if (current) ctx.state.phoneNumbers.delete(current.id);
    ctx.state.phoneNumbers.set(id, {
      id,
      wabaId: waba.id,
      displayPhoneNumber: current?.displayPhoneNumber ?? `+${cc} ${phone_number}`,
      verifiedName: verified_name ?? current?.verifiedName ?? waba.name,
      qualityRating: "UNKNOWN",
      nameStatus: current ? current.nameStatus : "PENDING_REVIEW",
      codeVerificationStatus: "NOT_VERIFIED",
      pin: null,
      registered: false,
      registrationCalls: current?.registrationCalls ?? [],
      throughputMps: ctx.options.throughputMps,
      lastOnboardedAt: ctx.clock.now(),
    });
    return { id };
  });

  app.post("/:version/:id/request_code", async (request) => {
    const phone = managedPhone(ctx, request, "request_code");
    const body = graphBody(request);
    const parsed = RequestVerificationCodeRequest.safeParse(body);
    if (!parsed.success) throw zodToGraphError(parsed.error, body);
    const now = ctx.clock.now();
    phone.codeRequests = (phone.codeRequests ?? []).filter((at) => now - at < DAY_MS);
    if (phone.codeRequests.length >= MAX_CODE_REQUESTS_PER_DAY) throw registrationErrors.tooManyCodeAttempts();
    phone.codeRequests.push(now);
    phone.verificationCode = String(randomInt(100_000, 1_000_000));
    phone.wrongCodes = 0;
    return { success: true };
  });

  app.post("/:version/:id/verify_code", async (request) => {
    const phone = managedPhone(ctx, request, "verify_code");
    const body = graphBody(request);
    const parsed = VerifyCodeRequest.safeParse(body);
    if (!parsed.success) throw zodToGraphError(parsed.error, body);
    if (phone.verificationCode === undefined) throw registrationErrors.noCodeRequested();
    if ((phone.wrongCodes ?? 0) >= MAX_WRONG_CODES) throw registrationErrors.tooManyCodeAttempts();
    if (parsed.data.code !== phone.verificationCode) {
      phone.wrongCodes = (phone.wrongCodes ?? 0) + 1;
      throw registrationErrors.codeMismatch();
    }
    phone.verificationCode = undefined;
    phone.codeVerificationStatus = "VERIFIED";
    return { success: true };
  });
}
