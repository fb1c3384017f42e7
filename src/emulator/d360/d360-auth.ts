import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import type { PhoneNumberRecord } from "../state/model.js";
import type { D360Channel } from "./d360-state.js";

/**
 * 360dialog's answer to a missing, unknown or revoked `D360-API-KEY`: HTTP 401 with
 * `{"meta": {"success": false, "http_code": 401, "developer_message": "Invalid api key"}}`
 * (docs.360dialog.com/whatsapp-api/whatsapp-api, the 401 example). Not Graph's envelope: the
 * key is checked by 360dialog before anything reaches Meta.
 */
export const INVALID_API_KEY = {
  meta: { success: false, http_code: 401, developer_message: "Invalid api key" },
} as const;

export function sendInvalidKey(reply: FastifyReply): FastifyReply {
  return reply.code(401).type("application/json").send(INVALID_API_KEY);
}

export interface KeyHolder {
  channel: D360Channel;
  phone: PhoneNumberRecord;
}

/** The channel a request's `D360-API-KEY` belongs to, or null when it is missing, unknown or revoked. */
export function channelOfKey(ctx: EmulatorContext, request: FastifyRequest): KeyHolder | null {
  const header = request.headers["d360-api-key"];
  const presented = Array.isArray(header) ? header[0] : header;
  if (!presented) return null;
  const record = ctx.state.d360.keys.get(presented);
  if (!record || record.revoked) return null;
  const channel = ctx.state.d360.channels.get(record.channelId);
  const phone = channel ? ctx.state.phoneNumbers.get(channel.phoneNumberId) : undefined;
  return channel && phone ? { channel, phone } : null;
}

/** The Partner API's own key (`x-api-key`), compared in constant time. */
export function partnerKeyMatches(expected: string, request: FastifyRequest): boolean {
  const header = request.headers["x-api-key"];
  const presented = Buffer.from((Array.isArray(header) ? header[0] : header) ?? "");
  const wanted = Buffer.from(expected);
  return presented.length === wanted.length && timingSafeEqual(presented, wanted);
}
