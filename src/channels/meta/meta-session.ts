import type { GraphClient } from "../../graph/index.js";
import type { ChannelCapability } from "../capabilities.js";
import type { ChannelCatalog, ChannelCredentials, ChannelSession, ChannelSessionHooks } from "../port.js";
import { ChannelError } from "../errors.js";
import { metaChannelError } from "./meta-errors.js";

/**
 * The Graph client bound to one connection's token, as the port's verbs: the token is injected
 * here and nowhere else, every Graph failure leaves as a `ChannelError`, and an auth lapse (190)
 * is reported to the hooks first, so the connection is marked needs_reconnect before the caller
 * hears of it.
 */
export function metaSession(
  graph: GraphClient,
  app: { appId: string },
  capabilities: ReadonlySet<ChannelCapability>,
  credentials: ChannelCredentials,
  hooks: ChannelSessionHooks,
): ChannelSession {
  const token = credentials.secret;
  const waba = credentials.accountId;
  const call = guard(hooks);
  return {
    channel: "meta",
    accountId: waba,
    capabilities,
    messages: {
      send: call(async (phoneNumberId, message) => (await graph.messages.send(token, phoneNumberId, message)).data),
      markRead: call(async (phoneNumberId, messageId, opts) => {
        await graph.messages.markAsRead(token, phoneNumberId, {
          message_id: messageId,
          ...(opts?.typing ? { typing_indicator: { type: "text" as const } } : {}),
        });
      }),
    },
    media: {
      upload: call(async (phoneNumberId, file) => (await graph.media.upload(token, phoneNumberId, file)).data),
      get: call(async (mediaId, opts) => (await graph.media.get(token, mediaId, opts)).data),
      download: call(async (url) => {
        const file = await graph.media.download(token, url);
        return { body: file.body, contentType: file.contentType, httpStatus: file.httpStatus };
      }),
      delete: call(async (mediaId, opts) => {
        await graph.media.delete(token, mediaId, opts);
      }),
    },
    uploads: {
      start: call(async (file) => (await graph.uploads.createSession(token, app.appId, file)).data),
      sendFrom: call(
        async (sessionId, bytes, offset) => (await graph.uploads.sendFrom(token, sessionId, bytes, offset)).data,
      ),
      offset: call(async (sessionId) => ({
        fileOffset: (await graph.uploads.getOffset(token, sessionId)).data.file_offset,
      })),
    },
    templates: {
      list: call(async (q) => (await graph.wabas.listTemplates(token, waba, q)).data),
      get: call(async (templateId, fields) => (await graph.wabas.getTemplate(token, templateId, fields)).data),
      create: call(async (body) => (await graph.wabas.createTemplate(token, waba, body)).data),
      edit: call(async (templateId, body) => {
        await graph.wabas.editTemplate(token, templateId, body);
      }),
      delete: call(async (q) => {
        await graph.wabas.deleteTemplate(token, waba, q);
      }),
    },
    numbers: {
      list: call(async (q) => (await graph.wabas.listPhoneNumbers(token, waba, q)).data),
      get: call(async (phoneNumberId, fields) => (await graph.phoneNumbers.get(token, phoneNumberId, fields)).data),
      add: call(async (body) => (await graph.wabas.addPhoneNumber(token, waba, body)).data),
      requestCode: call(async (phoneNumberId, body) => {
        await graph.phoneNumbers.requestCode(token, phoneNumberId, body);
      }),
      verifyCode: call(async (phoneNumberId, body) => {
        await graph.phoneNumbers.verifyCode(token, phoneNumberId, body);
      }),
      register: call(async (phoneNumberId, body) => {
        await graph.phoneNumbers.register(token, phoneNumberId, body);
      }),
      deregister: call(async (phoneNumberId) => {
        await graph.phoneNumbers.deregister(token, phoneNumberId);
      }),
      setTwoStepPin: call(async (phoneNumberId, pin) => {
        await graph.phoneNumbers.setTwoStepPin(token, phoneNumberId, pin);
      }),
      getCommerceSettings: call(
        async (phoneNumberId) => (await graph.phoneNumbers.getCommerceSettings(token, phoneNumberId)).data,
      ),
      setCommerceSettings: call(async (phoneNumberId, update) => {
        await graph.phoneNumbers.setCommerceSettings(token, phoneNumberId, update);
      }),
    },
    account: {
      get: call(async (fields) => (await graph.wabas.get(token, waba, fields)).data),
      subscribeWebhooks: call(async () => {
        await graph.wabas.subscribeApp(token, waba);
      }),
      listCatalogs: call(async () => (await graph.wabas.listCatalogs(token, waba)).data),
      connectCatalog: call(async (catalogId) => {
        await graph.wabas.connectCatalog(token, waba, catalogId);
      }),
      disconnectCatalog: call(async (catalogId) => {
        await graph.wabas.disconnectCatalog(token, waba, catalogId);
      }),
    },
  };
}

/** A catalog reached with its own token (the Catalog token is apart from the WABA's). */
export function metaCatalog(
  graph: GraphClient,
  credentials: { secret: string; catalogId: string },
  hooks: ChannelSessionHooks,
): ChannelCatalog {
  const token = credentials.secret;
  const catalogId = credentials.catalogId;
  const call = guard(hooks);
  return {
    catalogId,
    listProducts: call(async (q) => (await graph.catalog.listProducts(token, catalogId, q)).data),
    itemsBatch: call(async (body) => (await graph.catalog.itemsBatch(token, catalogId, body)).data),
    batchStatus: call(
      async (handle, opts) => (await graph.catalog.getBatchStatus(token, catalogId, handle, opts)).data,
    ),
  };
}

/** Every verb through here: Graph errors become ChannelErrors, and a lapsed token is reported first. */
function guard(hooks: ChannelSessionHooks) {
  return <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (err) {
        const mapped = metaChannelError(err);
        if (mapped instanceof ChannelError && mapped.kind === "auth_lapsed") await hooks.onAuthLapsed(mapped);
        throw mapped;
      }
    };
}
