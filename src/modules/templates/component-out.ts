import { z } from "zod";

// A template component as the API shows it (GET /v1/templates and the answers that carry a template):
// the fields the dashboard reads are typed, the rest passes through as Meta sent it.

const NamedExample = z.object({ param_name: z.string(), example: z.string() });
export const ComponentOut = z
  .looseObject({
    type: z.string().describe("HEADER | BODY | FOOTER | BUTTONS | LIMITED_TIME_OFFER | CAROUSEL"),
    format: z.string().optional().describe("a header's: TEXT | IMAGE | VIDEO | DOCUMENT | LOCATION"),
    text: z.string().optional(),
    example: z
      .looseObject({
        header_text: z.array(z.string()).optional(),
        header_text_named_params: z.array(NamedExample).optional(),
        header_handle: z.array(z.string()).optional(),
        body_text: z.array(z.array(z.string())).optional(),
        body_text_named_params: z.array(NamedExample).optional(),
      })
      .optional(),
    buttons: z
      .array(
        z.looseObject({
          type: z.string().describe("QUICK_REPLY | URL | PHONE_NUMBER | COPY_CODE | OTP | ..."),
          text: z.string().optional(),
          url: z.string().optional(),
          phone_number: z.string().optional(),
          example: z.union([z.array(z.string()), z.string()]).optional(),
          otp_type: z.string().optional().describe("an authentication template's: COPY_CODE | ONE_TAP | ZERO_TAP"),
          autofill_text: z.string().optional(),
          supported_apps: z.array(z.object({ package_name: z.string(), signature_hash: z.string() })).optional(),
        }),
      )
      .optional(),
    limited_time_offer: z.looseObject({ text: z.string(), has_expiration: z.boolean().optional() }).optional(),
    add_security_recommendation: z.boolean().optional(),
    code_expiration_minutes: z.number().optional(),
  })
  .describe("A component in Meta's format (upper-case types, `example`)");
export type ComponentView = z.infer<typeof ComponentOut>;
