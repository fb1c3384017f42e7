import { z } from "zod";

/**
 * Graph's error envelope (OAS `GraphAPIError`; Graph "Handling Errors" guide).
 *
 * `error_data` is an object on Cloud API errors (`{ messaging_product, details }`) but a plain
 * string on some template-management errors, so both are accepted. `error_subcode` is documented
 * as deprecated for Cloud API codes since v16 yet still matters for 190 and template creation.
 */
export const GraphErrorData = z.union([
  z.looseObject({
    messaging_product: z.string().optional(),
    details: z.string().optional(),
  }),
  z.string(),
]);
export type GraphErrorData = z.infer<typeof GraphErrorData>;

export const GraphErrorBody = z.looseObject({
  message: z.string(),
  type: z.string(),
  code: z.number().int(),
  error_subcode: z.number().int().optional(),
  error_data: GraphErrorData.optional(),
  error_user_title: z.string().optional(),
  error_user_msg: z.string().optional(),
  is_transient: z.boolean().optional(),
  fbtrace_id: z.string(),
});
export type GraphErrorBody = z.infer<typeof GraphErrorBody>;

export const GraphErrorEnvelope = z.looseObject({ error: GraphErrorBody });
export type GraphErrorEnvelope = z.infer<typeof GraphErrorEnvelope>;
