import { z } from "zod";

/**
 * Errors as they arrive asynchronously inside webhooks (`value.errors`, `messages[].errors`,
 * `statuses[].errors`): same codes as the synchronous envelope, different shape
 * (`title`, `href`, no `fbtrace_id`).
 */
export const WebhookError = z.looseObject({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});
export type WebhookError = z.infer<typeof WebhookError>;
