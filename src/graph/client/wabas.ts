import { type GraphResult, type GraphTransport, segment } from "../http/transport.js";
import { type GraphList, type GraphListQuery, GraphSuccessResponse, graphList } from "../wire/common.js";
import { AddPhoneNumberRequest, AddPhoneNumberResponse, PhoneNumber, phoneNumberFields } from "../wire/phone-number.js";
import {
  CreateTemplateRequest,
  CreateTemplateResponse,
  DeleteTemplateQuery,
  EditTemplateRequest,
  MessageTemplate,
  MessageTemplateList,
} from "../wire/template.js";
import { WabaCatalogList } from "../wire/catalog.js";
import { SubscribeAppRequest, SubscribedAppsResponse, WABA_FIELDS, WhatsAppBusinessAccount } from "../wire/waba.js";

/** WABA-level calls: the WABA node, its phone numbers, webhook subscription (`subscribed_apps`), templates. */

export interface TemplateListQuery extends GraphListQuery {
  name?: string;
  status?: string;
  category?: string;
  language?: string;
}

const PhoneNumberList = graphList(PhoneNumber);
const SubscribeResponse = GraphSuccessResponse;

function listQuery(q: GraphListQuery = {}) {
  return { fields: q.fields?.join(","), limit: q.limit, after: q.after, before: q.before };
}

export function createWabasApi(t: GraphTransport) {
  return {
    async get(
      token: string,
      wabaId: string,
      fields: readonly string[] = WABA_FIELDS,
    ): Promise<GraphResult<WhatsAppBusinessAccount>> {
      const query = { fields: fields.join(",") };
      return t.call({
        method: "GET",
        path: segment(wabaId),
        token,
        query,
        retry: true,
        schema: WhatsAppBusinessAccount,
      });
    },

    async listPhoneNumbers(
      token: string,
      wabaId: string,
      q: GraphListQuery = {},
    ): Promise<GraphResult<GraphList<PhoneNumber>>> {
      const query = listQuery({ fields: phoneNumberFields(t.version), ...q });
      return t.call({
        method: "GET",
        path: `${segment(wabaId)}/phone_numbers`,
        token,
        query,
        retry: true,
        schema: PhoneNumberList,
      });
    },

    async addPhoneNumber(
      token: string,
      wabaId: string,
      body: AddPhoneNumberRequest,
    ): Promise<GraphResult<AddPhoneNumberResponse>> {
      const json = AddPhoneNumberRequest.parse(body);
      return t.call({
        method: "POST",
        path: `${segment(wabaId)}/phone_numbers`,
        token,
        json,
        retry: false,
        schema: AddPhoneNumberResponse,
      });
    },

    /** Required after onboarding, else the WABA's webhooks never reach this app. */
    async subscribeApp(
      token: string,
      wabaId: string,
      body: SubscribeAppRequest = {},
    ): Promise<GraphResult<GraphSuccessResponse>> {
      const json = SubscribeAppRequest.parse(body);
      return t.call({
        method: "POST",
        path: `${segment(wabaId)}/subscribed_apps`,
        token,
        json,
        retry: false,
        schema: SubscribeResponse,
      });
    },

    async listSubscribedApps(token: string, wabaId: string): Promise<GraphResult<SubscribedAppsResponse>> {
      return t.call({
        method: "GET",
        path: `${segment(wabaId)}/subscribed_apps`,
        token,
        retry: true,
        schema: SubscribedAppsResponse,
      });
    },

    async unsubscribeApp(token: string, wabaId: string): Promise<GraphResult<GraphSuccessResponse>> {
      return t.call({
        method: "DELETE",
        path: `${segment(wabaId)}/subscribed_apps`,
        token,
        retry: false,
        schema: SubscribeResponse,
      });
    },

    /** `GET /{waba_id}/product_catalogs`: the catalog the WABA sells from. */
    async listCatalogs(token: string, wabaId: string): Promise<GraphResult<WabaCatalogList>> {
      return t.call({
        method: "GET",
        path: `${segment(wabaId)}/product_catalogs`,
        token,
        retry: true,
        schema: WabaCatalogList,
      });
    },

    /** `POST /{waba_id}/product_catalogs {catalog_id}`: connects a catalog (one per WABA). */
    async connectCatalog(token: string, wabaId: string, catalogId: string): Promise<GraphResult<GraphSuccessResponse>> {
      return t.call({
        method: "POST",
        path: `${segment(wabaId)}/product_catalogs`,
        token,
        json: { catalog_id: catalogId },
        retry: false,
        schema: GraphSuccessResponse,
      });
    },

    async disconnectCatalog(
      token: string,
      wabaId: string,
      catalogId: string,
    ): Promise<GraphResult<GraphSuccessResponse>> {
      return t.call({
        method: "DELETE",
        path: `${segment(wabaId)}/product_catalogs`,
        token,
        query: { catalog_id: catalogId },
        retry: false,
        schema: GraphSuccessResponse,
      });
    },

    async listTemplates(
      token: string,
      wabaId: string,
      q: TemplateListQuery = {},
    ): Promise<GraphResult<MessageTemplateList>> {
      const query = { ...listQuery(q), name: q.name, status: q.status, category: q.category, language: q.language };
      return t.call({
        method: "GET",
        path: `${segment(wabaId)}/message_templates`,
        token,
        query,
        retry: true,
        schema: MessageTemplateList,
      });
    },

    async getTemplate(
      token: string,
      templateId: string,
      fields?: readonly string[],
    ): Promise<GraphResult<MessageTemplate>> {
      const query = { fields: fields?.join(",") };
      return t.call({ method: "GET", path: segment(templateId), token, query, retry: true, schema: MessageTemplate });
    },

    /** Limit: 100 creations per WABA per hour. Store the returned `category`: Meta may change it. */
    async createTemplate(
      token: string,
      wabaId: string,
      body: CreateTemplateRequest,
    ): Promise<GraphResult<CreateTemplateResponse>> {
      const json = CreateTemplateRequest.parse(body);
      return t.call({
        method: "POST",
        path: `${segment(wabaId)}/message_templates`,
        token,
        json,
        retry: false,
        schema: CreateTemplateResponse,
      });
    },

    /** Approved templates: at most 1 edit per 24 h and 10 per 30 days; components are replaced whole. */
    async editTemplate(
      token: string,
      templateId: string,
      body: EditTemplateRequest,
    ): Promise<GraphResult<GraphSuccessResponse>> {
      const json = EditTemplateRequest.parse(body);
      return t.call({
        method: "POST",
        path: segment(templateId),
        token,
        json,
        retry: false,
        schema: GraphSuccessResponse,
      });
    },

    /** By name (every language), by `hsm_id` + name (one language), or bulk by `hsm_ids`. */
    async deleteTemplate(
      token: string,
      wabaId: string,
      q: DeleteTemplateQuery,
    ): Promise<GraphResult<GraphSuccessResponse>> {
      const parsed = DeleteTemplateQuery.parse(q);
      // Meta takes `hsm_ids` as a JSON array literal in the query string.
      const query =
        "hsm_ids" in parsed
          ? { hsm_ids: JSON.stringify(parsed.hsm_ids) }
          : { name: parsed.name, hsm_id: parsed.hsm_id };
      return t.call({
        method: "DELETE",
        path: `${segment(wabaId)}/message_templates`,
        token,
        query,
        retry: false,
        schema: GraphSuccessResponse,
      });
    },
  };
}

export type WabasApi = ReturnType<typeof createWabasApi>;
