import { z } from "zod";

/**
 * `GET /oauth/access_token` (Embedded Signup code exchange, long-lived exchange) and
 * `GET /debug_token`. `expires_at: 0` means the token never expires (business tokens).
 */

export const AccessTokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  /** Seconds; absent for non-expiring business tokens. */
  expires_in: z.number().int().optional(),
});
export type AccessTokenResponse = z.infer<typeof AccessTokenResponse>;

/** `target_ids` absent means the scope covers every asset the token can see. */
export const GranularScope = z.looseObject({
  scope: z.string().min(1),
  target_ids: z.array(z.string()).optional(),
});
export type GranularScope = z.infer<typeof GranularScope>;

export const DebugTokenData = z.looseObject({
  app_id: z.string().optional(),
  type: z.string().optional(), // USER | SYSTEM_USER | PAGE | APP
  application: z.string().optional(),
  data_access_expires_at: z.number().int().optional(),
  expires_at: z.number().int().optional(),
  is_valid: z.boolean(),
  issued_at: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
  granular_scopes: z.array(GranularScope).optional(),
  user_id: z.string().optional(),
  error: z
    .looseObject({ code: z.number().int(), message: z.string(), subcode: z.number().int().optional() })
    .optional(),
});
export type DebugTokenData = z.infer<typeof DebugTokenData>;

export const DebugTokenResponse = z.looseObject({ data: DebugTokenData });
export type DebugTokenResponse = z.infer<typeof DebugTokenResponse>;
