import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import { zodToGraphError } from "../http/zod-errors.js";
import { templateStatusValue } from "../templates/review-template.js";
import { normalizeTemplateCase } from "../templates/template-case.js";
import { templateErrors } from "../templates/template-errors.js";
import { createTemplate } from "../templates/template-routes.js";
import { templateNode } from "../templates/template-node.js";
import { publish } from "../webhooks/publish.js";
import { D360_WABA_PREFIX, withKey } from "./d360-messaging-routes.js";

/** Header names a receiver can check; values are printable ASCII (Node refuses others in a request). */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
const HEADER_VALUE = /^[\x20-\x7e]{0,1000}$/;

const WebhookConfig = z.object({
  url: z
    .string()
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), "url must be http(s)"),
  headers: z
    .record(z.string(), z.string())
    .refine((h) => Object.keys(h).length <= 20, "at most 20 headers")
    .refine((h) => Object.entries(h).every(([k, v]) => HEADER_NAME.test(k) && HEADER_VALUE.test(v)), "invalid header")
    .optional(),
});

/**
 * The channel's webhook (`POST /v1/configs/webhook {url, headers?}`, as RapidPro's and Chatwoot's
 * 360dialog channels call it) and its templates (`/v1/configs/templates`, docs.360dialog.com
 * "Create and manage Template Messages"), over the WABA of the key's number.
 */
export function registerD360ConfigRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post(
    `${D360_WABA_PREFIX}/v1/configs/webhook`,
    withKey(ctx, ({ channel }, request) => {
      const parsed = WebhookConfig.safeParse(request.body);
      if (!parsed.success) throw zodToGraphError(parsed.error, request.body);
      channel.webhook = { url: parsed.data.url, headers: parsed.data.headers ?? {} };
      return { url: parsed.data.url };
    }),
  );

  app.get(
    `${D360_WABA_PREFIX}/v1/configs/webhook`,
    withKey(ctx, ({ channel }) => ({ url: channel.webhook?.url ?? "" })),
  );

  app.post(
    `${D360_WABA_PREFIX}/v1/configs/templates`,
    withKey(ctx, ({ channel }, request) => {
      const body = request.body;
      if (!body || typeof body !== "object" || Array.isArray(body)) throw graphErrors.requiredParameter("name");
      return createTemplate(ctx, channel.wabaId, normalizeTemplateCase(body as Record<string, unknown>));
    }),
  );

  /** 360dialog's list envelope: `count`, `filters`, `limit`, `offset`, `sort`, `total`, `waba_templates`. */
  app.get(
    `${D360_WABA_PREFIX}/v1/configs/templates`,
    withKey(ctx, ({ channel }, request) => {
      const q = request.query as Record<string, string | undefined>;
      const limit = Math.min(Math.max(Number(q.limit) || 1000, 1), 1000);
      const offset = Math.max(Number(q.offset) || 0, 0);
      const namespace = ctx.state.wabas.get(channel.wabaId)?.messageTemplateNamespace;
      const all = [...ctx.state.templates.values()]
        .filter((t) => t.wabaId === channel.wabaId)
        .sort((a, b) => a.seq - b.seq)
        .map((t) => ({ ...templateNode(t), namespace }));
      const page = all.slice(offset, offset + limit);
      return { count: page.length, filters: {}, limit, offset, sort: ["id"], total: all.length, waba_templates: page };
    }),
  );

  /** Deletes every language of a name; each deletion is a `message_template_status_update` (DELETED). */
  app.delete(
    `${D360_WABA_PREFIX}/v1/configs/templates/:name`,
    withKey(ctx, ({ channel }, request) => {
      const { name } = request.params as { name: string };
      const doomed = [...ctx.state.templates.values()].filter((t) => t.wabaId === channel.wabaId && t.name === name);
      if (doomed.length === 0) throw templateErrors.notFound(name);
      for (const t of doomed) {
        ctx.state.templates.delete(t.id);
        publish(
          ctx,
          t.wabaId,
          "message_template_status_update",
          templateStatusValue(t, "DELETED", "NONE", ctx.clock.now()),
        );
      }
      return { success: true };
    }),
  );
}
