import { SCOPES, requireManagement, requireToken, requireWabaRead } from "../auth/authorize.js";
import { covers } from "../auth/tokens.js";
import { graphErrors } from "../core/meta-errors.js";
import { requestedFields } from "../http/fields.js";
import { allParams, jsonParam, stringParam } from "../http/params.js";
import { PHONE_NUMBER_DEFAULT_FIELDS, phoneNumberNode } from "../phone-numbers/phone-number-node.js";
import { verifyCallback } from "../waba/verify-callback.js";
import { BUSINESS_DEFAULT_FIELDS, WABA_DEFAULT_FIELDS, businessNode, wabaNode } from "../waba/waba-node.js";
import type { NodeHandler } from "./node-routes.js";

export const readApplication: NodeHandler = (ctx, request) => {
  requireToken(ctx, request);
  const { app } = ctx.state;
  return requestedFields(
    request,
    { id: app.id, name: app.name, link: `https://www.facebook.com/games/?app_id=${app.id}` },
    ["name", "link"],
    "Application",
  );
};

export const readUser: NodeHandler = (ctx, request, params) => {
  const token = requireToken(ctx, request);
  if (token.userId !== params.id) throw graphErrors.unknownObject(params.id, "GET");
  const user = ctx.state.users.get(params.id)!;
  return requestedFields(request, { id: user.id, name: user.name }, ["name"], "User");
};

export const readBusiness: NodeHandler = (ctx, request, params) => {
  const token = requireToken(ctx, request);
  if (!covers(token, SCOPES.business, params.id)) throw graphErrors.managementPermission(SCOPES.business);
  return requestedFields(
    request,
    businessNode(ctx.state.businesses.get(params.id)!, params.version),
    BUSINESS_DEFAULT_FIELDS,
    "Business",
  );
};

export const readWaba: NodeHandler = (ctx, request, params) => {
  requireWabaRead(requireToken(ctx, request), params.id);
  return requestedFields(
    request,
    wabaNode(ctx, ctx.state.wabas.get(params.id)!, params.version),
    WABA_DEFAULT_FIELDS,
    "WhatsAppBusinessAccount",
  );
};

export const readPhoneNumber: NodeHandler = (ctx, request, params) => {
  const phone = ctx.state.phoneNumbers.get(params.id)!;
  requireWabaRead(requireToken(ctx, request), phone.wabaId);
  return requestedFields(
    request,
    phoneNumberNode(ctx, phone, params.version),
    PHONE_NUMBER_DEFAULT_FIELDS,
    "WhatsAppBusinessPhoneNumber",
  );
};

/**
 * `POST /{phone_number_id}`: `{pin}` sets or changes the two-step verification PIN (two_step
 * doc); `{webhook_configuration: {override_callback_uri, verify_token}}` sets the number's
 * webhook override after Meta's verification GET, and an empty URI clears it.
 */
export const updatePhoneNumber: NodeHandler = async (ctx, request, params) => {
  const phone = ctx.state.phoneNumbers.get(params.id)!;
  requireManagement(requireToken(ctx, request), phone.wabaId);
  const body = allParams(request);
  const pin = stringParam(body, "pin");
  const config = body["webhook_configuration"];
  if (pin === undefined && config === undefined) throw graphErrors.requiredParameter("pin");
  if (pin !== undefined && !/^\d{6}$/.test(pin))
    throw graphErrors.invalidParameter("Param pin must be a 6-digit number.");
  if (config !== undefined) {
    const parsed = jsonParam(body, "webhook_configuration");
    if (!parsed || typeof parsed !== "object")
      throw graphErrors.invalidParameter("Param webhook_configuration must be an object.");
    const uri = stringParam(parsed as Record<string, unknown>, "override_callback_uri");
    if (uri)
      await verifyCallback(
        uri,
        stringParam(parsed as Record<string, unknown>, "verify_token") ?? "",
        ctx.options.webhookTimeoutMs,
      );
    phone.webhookOverrideUri = uri;
  }
  if (pin !== undefined) phone.pin = pin;
  return { success: true };
};
