import type { FastifyInstance, FastifyReply } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import { partnerKeyMatches } from "./d360-auth.js";
import { D360_WABA_PREFIX } from "./d360-messaging-routes.js";
import { baseUrl } from "../http/urls.js";

/** Where the stand-in's `https://hub.360dialog.io/api/v2` (the Partner API) lives. */
export const D360_HUB_API_PREFIX = "/_360dialog/hub/api/v2";
/** Where the stand-in's Partner Hub pages (`https://hub.360dialog.com/dashboard/...`) live. */
export const D360_HUB_PAGES_PREFIX = "/_360dialog/hub/dashboard";

function hubError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .type("application/json")
    .send({ meta: { success: false, http_code: status, developer_message: message } });
}

/** Makes the number usable from the Cloud API, as 360dialog's onboarding does before a key can be made. */
export function activateChannel(ctx: EmulatorContext, channelId: string): void {
  const channel = ctx.state.d360.channels.get(channelId);
  const phone = channel ? ctx.state.phoneNumbers.get(channel.phoneNumberId) : undefined;
  if (phone) phone.registered = true;
}

/**
 * The Partner API's key generation (docs.360dialog.com, "Partner API"; base
 * `https://hub.360dialog.io/api/v2`, authenticated with the partner's `x-api-key`):
 * `POST /partners/{partner_id}/channels/{channel_id}/api_keys` answers
 * `{address, api_key, app_id, id}`, `address` being the messaging base to use the key with. A
 * channel the client did not permit the partner (Connect page) is refused; a new key revokes the
 * channel's older ones.
 */
export function registerD360PartnerRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post(`${D360_HUB_API_PREFIX}/partners/:partnerId/channels/:channelId/api_keys`, async (request, reply) => {
    const { partnerId, channelId } = request.params as { partnerId: string; channelId: string };
    const partner = ctx.state.d360.partners.get(partnerId);
    if (!partner || !partnerKeyMatches(partner.apiKey, request)) return hubError(reply, 401, "Invalid api key");
    const channel = ctx.state.d360.channels.get(channelId);
    if (!channel || channel.partnerId !== partnerId) return hubError(reply, 404, "Channel not found");
    if (!channel.partnerPermitted)
      return hubError(reply, 403, "The client has not given the partner permission to manage this channel.");
    activateChannel(ctx, channel.id);
    const key = ctx.state.d360.issueKey(channel.id, ctx.clock.now());
    return reply.code(201).send({
      address: `${baseUrl(ctx, request)}${D360_WABA_PREFIX}`,
      api_key: key.key,
      app_id: channel.id,
      id: channel.id,
    });
  });

  /** The partner's channels, with their client, WABA and number (`GET /partners/{partner_id}/channels`). */
  app.get(`${D360_HUB_API_PREFIX}/partners/:partnerId/channels`, async (request, reply) => {
    const { partnerId } = request.params as { partnerId: string };
    const partner = ctx.state.d360.partners.get(partnerId);
    if (!partner || !partnerKeyMatches(partner.apiKey, request)) return hubError(reply, 401, "Invalid api key");
    const channels = [...ctx.state.d360.channels.values()].filter((c) => c.partnerId === partnerId);
    return {
      count: channels.length,
      total: channels.length,
      partner_channels: channels.map((c) => {
        const phone = ctx.state.phoneNumbers.get(c.phoneNumberId);
        return {
          id: c.id,
          client_id: c.clientId,
          status: phone?.registered ? "running" : "pending",
          waba_account: { id: c.wabaId },
          setup_info: { phone_number: phone?.displayPhoneNumber ?? "", phone_name: phone?.verifiedName ?? "" },
        };
      }),
    };
  });
}
