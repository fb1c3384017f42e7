import type { FastifyInstance, FastifyRequest } from "fastify";
import { RegisterPhoneNumberRequest } from "../../graph/index.js";
import { requireManagement } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { allParams, deleteAuthParams } from "../http/params.js";
import { zodToGraphError } from "../http/zod-errors.js";
import { phoneEdge } from "../nodes/edges.js";
import type { PhoneNumberRecord } from "../state/model.js";
import { registrationErrors } from "./registration-errors.js";

/** Meta allows 10 register/deregister requests per number in a moving 72-hour window (133016). */
const REGISTRATION_WINDOW_MS = 72 * 60 * 60_000;
const MAX_REGISTRATION_CALLS = 10;

function countRegistrationCall(ctx: EmulatorContext, phone: PhoneNumberRecord): void {
  const now = ctx.clock.now();
  phone.registrationCalls = phone.registrationCalls.filter((at) => now - at < REGISTRATION_WINDOW_MS);
  if (phone.registrationCalls.length >= MAX_REGISTRATION_CALLS) throw registrationErrors.tooManyRegistrations();
  phone.registrationCalls.push(now);
}

/** The number behind `/{phone_number_id}/{edge}`, for a token that manages its WABA. */
export function managedPhone(ctx: EmulatorContext, request: FastifyRequest, edge: string): PhoneNumberRecord {
  return phoneEdge(ctx, request, "POST", edge, requireManagement);
}

/** Request bodies without the `access_token` parameter Graph also accepts in them. */
export function graphBody(request: FastifyRequest): Record<string, unknown> {
  const body = allParams(request);
  deleteAuthParams(body);
  return body;
}

/**
 * `register` takes the number's two-step PIN, or sets it when none exists yet; a wrong PIN is
 * 133005 and an unverified number 133006. `deregister` takes the number off the Cloud API
 * (sends then fail with 133010). Both count towards 10 calls per 72 hours (133016).
 */
export function registerRegistrationRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/:version/:id/register", async (request) => {
    const phone = managedPhone(ctx, request, "register");
    const body = graphBody(request);
    const parsed = RegisterPhoneNumberRequest.safeParse(body);
    if (!parsed.success) throw zodToGraphError(parsed.error, body);
    if (phone.codeVerificationStatus !== "VERIFIED") throw registrationErrors.needsVerification();
    countRegistrationCall(ctx, phone);
    if (phone.pin !== null && phone.pin !== parsed.data.pin) throw registrationErrors.pinMismatch();
    phone.pin = parsed.data.pin;
    phone.registered = true;
    phone.lastOnboardedAt = ctx.clock.now();
    return { success: true };
  });

  app.post("/:version/:id/deregister", async (request) => {
    const phone = managedPhone(ctx, request, "deregister");
    countRegistrationCall(ctx, phone);
    phone.registered = false;
    return { success: true };
  });
}
