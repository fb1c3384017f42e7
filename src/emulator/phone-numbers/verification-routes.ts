import { randomInt } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { AddPhoneNumberRequest, RequestVerificationCodeRequest, VerifyCodeRequest } from "../../graph/index.js";
import { requireManagement, requireToken } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { numericId } from "../core/ids.js";
import { zodToGraphError } from "../http/zod-errors.js";
import { resolveEdge, type VersionedParams } from "../nodes/lookup.js";
import { registrationErrors } from "./registration-errors.js";
import { graphBody, managedPhone } from "./registration-routes.js";

/**
 * Adding a number to a WABA and proving ownership with a one-time code (`request_code`, then
 * `verify_code`). No SMS leaves the emulator: the code is shown in `/_emulator/state`.
 */
export function registerVerificationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/:version/:id/phone_numbers", async (request) => {
    const params = request.params as VersionedParams;
    resolveEdge(ctx, params, "POST", "phone_numbers", ["waba"]);
    requireManagement(requireToken(ctx, request), params.id);
    const body = graphBody(request);
    const parsed = AddPhoneNumberRequest.safeParse(body);
    if (!parsed.success) throw zodToGraphError(parsed.error, body);
    const { cc, phone_number, verified_name } = parsed.data;
    const digits = `${cc}${phone_number}`;
    const clash = [...ctx.state.phoneNumbers.values()].some((p) => p.displayPhoneNumber.replace(/\D/g, "") === digits);
    if (clash) throw registrationErrors.alreadyInWaba();
    const waba = ctx.state.wabas.get(params.id)!;
    const verified = ctx.state.businesses.get(waba.businessId)?.verificationStatus === "verified";
    const id = numericId(15);
    ctx.state.phoneNumbers.set(id, {
      id,
      wabaId: waba.id,
      displayPhoneNumber: `+${cc} ${phone_number}`,
      verifiedName: verified_name ?? waba.name,
      businessVerified: verified,
      qualityRating: "UNKNOWN",
      nameStatus: "PENDING_REVIEW",
      codeVerificationStatus: "NOT_VERIFIED",
      messagingLimitTier: verified ? "TIER_10K" : "TIER_50",
      businessManagerMessagingLimit: verified ? "TIER_10K" : "TIER_250",
      pin: null,
      registered: false,
      registrationCalls: [],
      throughputMps: ctx.options.throughputMps,
      uniqueRecipientLimit: verified ? null : ctx.options.unverifiedRecipientLimit,
      lastOnboardedAt: ctx.clock.now(),
    });
    return { id };
  });

  app.post("/:version/:id/request_code", async (request) => {
    const phone = managedPhone(ctx, request, "request_code");
    const body = graphBody(request);
    const parsed = RequestVerificationCodeRequest.safeParse(body);
    if (!parsed.success) throw zodToGraphError(parsed.error, body);
    phone.verificationCode = String(randomInt(100_000, 1_000_000));
    return { success: true };
  });

  app.post("/:version/:id/verify_code", async (request) => {
    const phone = managedPhone(ctx, request, "verify_code");
    const body = graphBody(request);
    const parsed = VerifyCodeRequest.safeParse(body);
    if (!parsed.success) throw zodToGraphError(parsed.error, body);
    if (phone.verificationCode === undefined) throw registrationErrors.noCodeRequested();
    if (parsed.data.code !== phone.verificationCode) throw registrationErrors.codeMismatch();
    phone.verificationCode = undefined;
    phone.codeVerificationStatus = "VERIFIED";
    return { success: true };
  });
}
