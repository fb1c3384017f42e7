import { z } from "zod";
import { GraphId } from "./common.js";

/** The WABA node (`GET /{waba_id}`) and `/{waba_id}/subscribed_apps`. */

export const WABA_FIELDS = [
  "id",
  "name",
  "currency",
  "timezone_id",
  "message_template_namespace",
  "account_review_status",
  "business_verification_status",
  "country",
  "ownership_type",
  // The business portfolio that owns the WABA: Meta's messaging limit is set and shared there.
  "owner_business_info",
] as const;

/** Only `id` is guaranteed: the rest appear when asked for with `?fields=`. */
export const WhatsAppBusinessAccount = z.looseObject({
  id: GraphId,
  name: z.string().optional(),
  currency: z.string().optional(),
  timezone_id: z.string().optional(),
  message_template_namespace: z.string().optional(),
  account_review_status: z.string().optional(),
  business_verification_status: z.string().optional(),
  country: z.string().optional(),
  ownership_type: z.string().optional(),
  owner_business_info: z.looseObject({ id: GraphId, name: z.string().optional() }).optional(),
});
export type WhatsAppBusinessAccount = z.infer<typeof WhatsAppBusinessAccount>;

/** Empty body subscribes with the app's callback; an override routes this WABA elsewhere. */
export const SubscribeAppRequest = z.strictObject({
  override_callback_uri: z.url({ protocol: /^https$/ }).optional(),
  verify_token: z.string().min(1).optional(),
});
export type SubscribeAppRequest = z.infer<typeof SubscribeAppRequest>;

export const SubscribedApp = z.looseObject({
  whatsapp_business_api_data: z.looseObject({
    id: GraphId,
    link: z.string().optional(),
    name: z.string().optional(),
  }),
  override_callback_uri: z.string().optional(),
});
export type SubscribedApp = z.infer<typeof SubscribedApp>;

export const SubscribedAppsResponse = z.looseObject({ data: z.array(SubscribedApp) });
export type SubscribedAppsResponse = z.infer<typeof SubscribedAppsResponse>;
