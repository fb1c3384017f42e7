import { z } from "zod";
import type { ChannelCapability } from "../capabilities.js";
import { ChannelError } from "../errors.js";
import type { ChannelSession, ChannelSessionHooks } from "../port.js";
import {
  CreateTemplateResponse,
  MediaInfo,
  MessageTemplate,
  SendMessageResponse,
  type GraphList,
  type MessageTemplateList,
  type PhoneNumber,
} from "../wire.js";
import { segment, type D360Transport } from "./d360-transport.js";

/** `GET /health_status` (docs.360dialog.com "Messaging Health Status"): the key's number and WABA. */
export const D360HealthStatus = z.looseObject({
  health_status: z.looseObject({
    can_send_message: z.string(),
    entities: z.array(
      z.looseObject({ entity_type: z.string(), id: z.string(), can_send_message: z.string().optional() }),
    ),
  }),
});
export type D360HealthStatus = z.infer<typeof D360HealthStatus>;

const TemplatePage = z.looseObject({
  total: z.number().int().optional(),
  waba_templates: z.array(MessageTemplate),
});
const Success = z.looseObject({});
const WebhookAnswer = z.looseObject({ url: z.string() });

/** The part of the lookaside URL 360dialog serves under its own base (docs: swap the host, keep the rest). */
const ATTACHMENTS = "/whatsapp_business/attachments/";

const unsupported = (what: string) =>
  new ChannelError({
    channel: "360dialog",
    kind: "unsupported",
    message: `${what} is not available through 360dialog's Cloud API; use 360dialog's Hub.`,
  });

export interface D360SessionInput {
  transport: D360Transport;
  key: string;
  accountId: string;
  capabilities: ReadonlySet<ChannelCapability>;
  hooks: ChannelSessionHooks;
}

/** The key's number and WABA, from `/health_status`. */
export function numberOfHealth(health: D360HealthStatus): { phoneNumberId: string; wabaId: string } | null {
  const phone = health.health_status.entities.find((e) => e.entity_type === "PHONE_NUMBER");
  const waba = health.health_status.entities.find((e) => e.entity_type === "WABA");
  return phone && waba ? { phoneNumberId: phone.id, wabaId: waba.id } : null;
}

/**
 * One 360dialog channel (one number, one key) behind the port. The number is the key's, so the
 * `phoneNumberId` a module passes is checked against it rather than put in a path. A lapsed key
 * is reported to the owner (`onAuthLapsed`) before the error goes on, as the Meta adapter does.
 */
export function createD360Session(input: D360SessionInput): ChannelSession {
  const { transport, key, hooks } = input;
  const call = async <T>(c: Parameters<D360Transport["call"]>[1] & { schema: z.ZodType<T> }): Promise<T> => {
    try {
      return await transport.call(key, c);
    } catch (err) {
      if (err instanceof ChannelError && err.kind === "auth_lapsed") await hooks.onAuthLapsed(err);
      throw err;
    }
  };
  let health: Promise<D360HealthStatus> | null = null;
  const ownNumber = async (): Promise<string> => {
    health ??= call({ method: "GET", path: "/health_status", schema: D360HealthStatus }).catch((err: unknown) => {
      health = null;
      throw err;
    });
    const found = numberOfHealth(await health);
    if (!found)
      throw new ChannelError({
        channel: "360dialog",
        kind: "refused",
        message: "360dialog named no number for this key.",
      });
    return found.phoneNumberId;
  };
  const sameNumber = async (phoneNumberId: string) => {
    if ((await ownNumber()) !== phoneNumberId)
      throw new ChannelError({
        channel: "360dialog",
        kind: "refused",
        reason: "invalid_parameter",
        message: "This 360dialog key sends from another number; each number has its own key.",
      });
  };
  const listTemplates = async (): Promise<MessageTemplate[]> =>
    (await call({ method: "GET", path: "/v1/configs/templates", schema: TemplatePage })).waba_templates;

  return {
    channel: "360dialog",
    accountId: input.accountId,
    capabilities: input.capabilities,
    messages: {
      async send(phoneNumberId, message) {
        await sameNumber(phoneNumberId);
        return call({ method: "POST", path: "/messages", json: message, schema: SendMessageResponse });
      },
      async markRead(phoneNumberId, messageId, opts) {
        await sameNumber(phoneNumberId);
        await call({
          method: "POST",
          path: "/messages",
          json: {
            messaging_product: "whatsapp",
            status: "read",
            message_id: messageId,
            ...(opts?.typing ? { typing_indicator: { type: "text" } } : {}),
          },
          schema: Success,
        });
      },
    },
    media: {
      async upload(phoneNumberId, file) {
        await sameNumber(phoneNumberId);
        const form = new FormData();
        form.set("messaging_product", "whatsapp");
        form.set("type", file.mimeType);
        const blob =
          file.data instanceof Blob ? file.data : new Blob([new Uint8Array(file.data)], { type: file.mimeType });
        form.set("file", blob, file.filename);
        return call({ method: "POST", path: "/media", body: form, schema: z.looseObject({ id: z.string().min(1) }) });
      },
      get: (mediaId) => call({ method: "GET", path: `/${segment(mediaId)}`, schema: MediaInfo }),
      async download(url) {
        const at = url.indexOf(ATTACHMENTS);
        const parsed = URL.canParse(url) ? new URL(url) : null;
        if (at < 0 || !parsed || !parsed.pathname.endsWith(ATTACHMENTS))
          throw new ChannelError({
            channel: "360dialog",
            kind: "refused",
            reason: "invalid_parameter",
            message: "Not a WhatsApp media URL.",
          });
        // Only the path and query travel; the key goes to the configured base, wherever the URL pointed.
        return transport.bytes(key, `${ATTACHMENTS}${parsed.search}`);
      },
      async delete(mediaId) {
        await call({ method: "DELETE", path: `/${segment(mediaId)}`, schema: Success });
      },
    },
    uploads: {
      start: () => Promise.reject(unsupported("The resumable upload")),
      sendFrom: () => Promise.reject(unsupported("The resumable upload")),
      offset: () => Promise.reject(unsupported("The resumable upload")),
    },
    templates: {
      async list(q = {}): Promise<MessageTemplateList> {
        const data = (await listTemplates()).filter(
          (t) =>
            (q.name === undefined || t.name.includes(q.name.toLowerCase())) &&
            (q.status === undefined || t.status === q.status) &&
            (q.category === undefined || t.category === q.category) &&
            (q.language === undefined || t.language === q.language),
        );
        return { data };
      },
      async get(templateId) {
        const found = (await listTemplates()).find((t) => t.id === templateId);
        if (!found)
          throw new ChannelError({
            channel: "360dialog",
            kind: "refused",
            reason: "invalid_parameter",
            message: `No template ${templateId} in this account.`,
          });
        return found;
      },
      create: (body) =>
        call({ method: "POST", path: "/v1/configs/templates", json: body, schema: CreateTemplateResponse }),
      edit: () => Promise.reject(unsupported("Editing a template")),
      async delete(q) {
        if (!("name" in q)) throw unsupported("Deleting templates by id");
        await call({ method: "DELETE", path: `/v1/configs/templates/${segment(q.name)}`, schema: Success });
      },
    },
    numbers: {
      async list(): Promise<GraphList<PhoneNumber>> {
        return { data: [{ id: await ownNumber() }] };
      },
      async get(phoneNumberId) {
        await sameNumber(phoneNumberId);
        return { id: phoneNumberId };
      },
      add: () => Promise.reject(unsupported("Adding a number")),
      requestCode: () => Promise.reject(unsupported("Number verification")),
      verifyCode: () => Promise.reject(unsupported("Number verification")),
      register: () => Promise.reject(unsupported("Registration with a PIN")),
      deregister: () => Promise.reject(unsupported("Deregistration")),
      setTwoStepPin: () => Promise.reject(unsupported("Setting the two-step PIN")),
      getCommerceSettings: () => Promise.reject(unsupported("Commerce settings")),
      setCommerceSettings: () => Promise.reject(unsupported("Commerce settings")),
    },
    account: {
      get: async () => ({ id: input.accountId }),
      // 360dialog's webhook is per number and carries Wharf's secret header: registerD360Webhook.
      subscribeWebhooks: () => Promise.reject(unsupported("Subscribing the account's webhooks")),
      listCatalogs: () => Promise.reject(unsupported("Catalogs")),
      connectCatalog: () => Promise.reject(unsupported("Catalogs")),
      disconnectCatalog: () => Promise.reject(unsupported("Catalogs")),
    },
  };
}

/** `POST /v1/configs/webhook {url, headers}`: where 360dialog posts this number's webhooks, and the headers it adds. */
export async function configureD360Webhook(
  transport: D360Transport,
  key: string,
  webhook: { url: string; headers: Record<string, string> },
): Promise<void> {
  await transport.call(key, { method: "POST", path: "/v1/configs/webhook", json: webhook, schema: WebhookAnswer });
}

/** The key's number and WABA, or a ChannelError (a bad key is `auth_lapsed`). */
export async function inspectD360Key(transport: D360Transport, key: string) {
  const health = await transport.call(key, { method: "GET", path: "/health_status", schema: D360HealthStatus });
  const found = numberOfHealth(health);
  if (!found)
    throw new ChannelError({
      channel: "360dialog",
      kind: "refused",
      message: "360dialog named no number for this key.",
    });
  return { ...found, canSend: health.health_status.can_send_message };
}
