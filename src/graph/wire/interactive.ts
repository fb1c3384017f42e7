import { z } from "zod";
import { DocumentContent, ImageContent, VideoContent } from "./message-content.js";

/**
 * `interactive` content of a send. Limits are Meta's (WAJS `interactive.ts`, Meta docs):
 * header text <= 60, body <= 1024, footer <= 60, 1-3 reply buttons, <= 10 list rows in total.
 * Meta's OpenAPI enum omits `cta_url` and `location_request_message`; both are documented
 * message types and are accepted here.
 */

export const InteractiveHeader = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text"), text: z.string().min(1).max(60) }),
  z.strictObject({ type: z.literal("image"), image: ImageContent }),
  z.strictObject({ type: z.literal("video"), video: VideoContent }),
  z.strictObject({ type: z.literal("document"), document: DocumentContent }),
]);
export type InteractiveHeader = z.infer<typeof InteractiveHeader>;

const body = z.strictObject({ text: z.string().min(1).max(1024) });
const footer = z.strictObject({ text: z.string().min(1).max(60) });

const ReplyButton = z.strictObject({
  type: z.literal("reply"),
  reply: z.strictObject({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
});

const ListSection = z.strictObject({
  title: z.string().max(24).optional(),
  rows: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(200),
        title: z.string().min(1).max(24),
        description: z.string().max(72).optional(),
      }),
    )
    .min(1),
});

// Meta (OpenAPI `SectionObject`): a section's title is required once there is more than one section.
const ProductSection = z.strictObject({
  title: z.string().min(1).max(24).optional(),
  product_items: z
    .array(z.strictObject({ product_retailer_id: z.string().min(1) }))
    .min(1)
    .max(30),
});

/** Multi-product sections: 1-10 sections, 30 products in all, a title on each when there are several. */
export const PRODUCT_LIST_LIMITS = { sections: 10, products: 30 } as const;

export const InteractiveContent = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("button"),
    header: InteractiveHeader.optional(),
    body,
    footer: footer.optional(),
    action: z.strictObject({ buttons: z.array(ReplyButton).min(1).max(3) }),
  }),
  z.strictObject({
    type: z.literal("list"),
    // Meta, "Interactive list messages": the header of a list is text only.
    header: z.strictObject({ type: z.literal("text"), text: z.string().min(1).max(60) }).optional(),
    body,
    footer: footer.optional(),
    action: z.strictObject({
      button: z.string().min(1).max(20),
      sections: z
        .array(ListSection)
        .min(1)
        .max(10)
        .refine((s) => s.reduce((n, x) => n + x.rows.length, 0) <= 10, "a list holds at most 10 rows in total"),
    }),
  }),
  z.strictObject({
    type: z.literal("cta_url"),
    header: InteractiveHeader.optional(),
    body,
    footer: footer.optional(),
    action: z.strictObject({
      name: z.literal("cta_url"),
      parameters: z.strictObject({ display_text: z.string().min(1).max(20), url: z.url() }),
    }),
  }),
  z.strictObject({
    type: z.literal("product"),
    body: body.optional(),
    footer: footer.optional(),
    action: z.strictObject({ catalog_id: z.string().min(1), product_retailer_id: z.string().min(1) }),
  }),
  z.strictObject({
    type: z.literal("product_list"),
    // Meta requires a text header on multi-product messages.
    header: z.strictObject({ type: z.literal("text"), text: z.string().min(1).max(60) }),
    body,
    footer: footer.optional(),
    action: z.strictObject({
      catalog_id: z.string().min(1),
      sections: z
        .array(ProductSection)
        .min(1)
        .max(PRODUCT_LIST_LIMITS.sections)
        .refine(
          (s) => s.reduce((n, x) => n + x.product_items.length, 0) <= PRODUCT_LIST_LIMITS.products,
          `at most ${PRODUCT_LIST_LIMITS.products} products in total`,
        )
        .refine(
          (s) => s.length === 1 || s.every((x) => x.title !== undefined),
          "every section needs a title when there are several",
        ),
    }),
  }),
  z.strictObject({
    type: z.literal("catalog_message"),
    body,
    footer: footer.optional(),
    action: z.strictObject({
      name: z.literal("catalog_message"),
      parameters: z.strictObject({ thumbnail_product_retailer_id: z.string().min(1) }).optional(),
    }),
  }),
  z.strictObject({
    type: z.literal("flow"),
    header: InteractiveHeader.optional(),
    body,
    footer: footer.optional(),
    // Flow parameters evolve with flow_message_version; only the fields we set are checked.
    action: z.strictObject({
      name: z.literal("flow"),
      parameters: z.looseObject({
        flow_message_version: z.string(),
        flow_cta: z.string().min(1).max(30),
        flow_id: z.string().optional(),
        flow_name: z.string().optional(),
        flow_token: z.string().optional(),
        mode: z.enum(["draft", "published"]).optional(),
        flow_action: z.enum(["navigate", "data_exchange"]).optional(),
      }),
    }),
  }),
  z.strictObject({
    type: z.literal("location_request_message"),
    body,
    action: z.strictObject({ name: z.literal("send_location") }),
  }),
]);
export type InteractiveContent = z.infer<typeof InteractiveContent>;
