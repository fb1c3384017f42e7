import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { App } from "../../../platform/http/index.js";
import { requireRole, requireWorkspace, readRoute } from "../../../platform/http/index.js";
import { ATTRIBUTE_TYPES } from "./attributes.js";
import { getConsentKeywords, setConsentKeywords } from "./consent-keywords.js";
import { ContactFilter, filterFromQuery, Tag } from "./filter.js";
import {
  consentHistory,
  createContact,
  eraseContact,
  getContactView,
  listContacts,
  patchContact,
  putContact,
  type ContactDeps,
  type EraseCustomerMessages,
} from "./manage-contacts.js";
import { listAttributes, declareAttribute, listTags } from "./vocabulary.js";

const tags = ["contacts"];
const AttributeValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
const Attributes = z
  .record(z.string().max(64), AttributeValue)
  .refine((r) => Object.keys(r).length <= 100, "at most 100 attributes")
  .describe("custom attributes by name: text, number, date (ISO) or boolean; null removes one");
const Consent = z.strictObject({
  marketing: z.enum(["opted_in", "opted_out"]),
  proof: z.string().trim().max(2000).nullable().optional().describe("what the customer agreed to, where and how"),
});
const Email = z.string().trim().toLowerCase().email().max(320);

export const ContactOut = z.object({
  id: z.string(),
  phone: z.string().nullable().describe("E.164 with +; null for a contact known only by email or external id"),
  waId: z.string().describe("the key messages and conversations use"),
  userId: z.string().nullable().describe("Meta's business-scoped user id (BSUID), when known"),
  username: z.string().nullable(),
  name: z.string().nullable(),
  profileName: z.string().nullable(),
  email: z.string().nullable(),
  externalId: z.string().nullable(),
  language: z.string().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  tags: z.array(z.string()),
  consent: z.object({
    marketing: z.enum(["opted_in", "opted_out", "unknown"]),
    source: z.string().nullable(),
    at: z.string().nullable(),
    proof: z.string().nullable(),
  }),
  lastSeenAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  marketingOptIn: z.boolean().nullable().describe("as before the contacts issue: consent.marketing as true/false/null"),
  consentSource: z.string().nullable(),
  consentAt: z.string().nullable(),
  lastInboundAt: z.string().nullable(),
  conversations: z
    .array(z.object({ id: z.string(), phoneNumberId: z.string(), lastMessageAt: z.string(), unreadCount: z.number() }))
    .optional(),
});
const IdOrPhone = z.object({
  idOrPhone: z.string().min(1).max(160).describe("ctc_... id, phone in E.164 (+ optional) or BSUID"),
});
export const ListQuery = z.object({
  q: z.string().max(200).optional().describe("name, email or phone contains"),
  tag: z.string().max(200).optional().describe("carries this tag (comma-separated: all of them)"),
  consent: z.enum(["opted_in", "opted_out", "unknown"]).optional(),
  lastSeenAfter: z.string().datetime({ offset: true }).optional(),
  lastSeenBefore: z.string().datetime({ offset: true }).optional(),
  filter: z
    .string()
    .max(8000)
    .optional()
    .describe("a JSON filter in the segment filter language; combines with the above"),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The source a consent change through the API records: the dashboard's session, or an API key's caller. */
export const consentSourceOf = (request: FastifyRequest): "dashboard" | "api" =>
  request.principal?.kind === "session" ? "dashboard" : "api";

const writable = {
  name: z.string().trim().min(1).max(200).nullable().optional(),
  email: Email.nullable().optional(),
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$/, "a language code such as en, pt_BR")
    .nullable()
    .optional(),
  attributes: Attributes.optional(),
  consent: Consent.optional().describe("marketing consent (owner or admin)"),
};

export function contactsRoutes(app: App, deps: ContactDeps & { eraseMessages: EraseCustomerMessages }): void {
  readRoute(
    app,
    "/v1/contacts",
    {
      tags,
      summary: "Contacts, newest first: search and filters, cursor paging",
      querystring: ListQuery,
      response: { 200: z.object({ data: z.array(ContactOut), nextCursor: z.string().nullable() }) },
    },
    (workspaceId, { query }) => listContacts(deps, workspaceId, filterFromQuery(query), query),
  );

  app.post(
    "/v1/contacts",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "Create a contact (a phone, email or externalId is needed; consent: owner or admin)",
        body: z
          .strictObject({
            phone: z.string().min(1).max(32).optional(),
            ...writable,
            tags: z.array(Tag).max(100).optional(),
          })
          .refine((b) => b.phone || b.email || b.externalId, "give a phone, email or externalId"),
        response: { 201: ContactOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } =
        request.body.consent === undefined ? requireWorkspace(request) : requireRole(request, ["owner", "admin"]);
      return reply.code(201).send(await createContact(deps, workspaceId, request.body, consentSourceOf(request)));
    },
  );

  readRoute(
    app,
    "/v1/contacts/attributes",
    {
      tags,
      summary: "The workspace's custom contact attributes and their types",
      response: { 200: z.object({ data: z.array(z.object({ name: z.string(), type: z.enum(ATTRIBUTE_TYPES) })) }) },
    },
    async (workspaceId) => ({ data: await listAttributes(deps, workspaceId) }),
  );

  app.put(
    "/v1/contacts/attributes/:name",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Declare a custom attribute's type (needed for dates; others are declared by their first value)",
        params: z.object({ name: z.string().max(64) }),
        body: z.strictObject({ type: z.enum(ATTRIBUTE_TYPES) }),
        response: { 200: z.object({ name: z.string(), type: z.enum(ATTRIBUTE_TYPES) }) },
      },
    },
    async (request) =>
      declareAttribute(
        deps,
        requireRole(request, ["owner", "admin"]).workspaceId,
        request.params.name,
        request.body.type,
      ),
  );

  const KeywordLists = z.object({
    stop: z.record(z.string().regex(/^[a-z]{2,3}(?:_[A-Z]{2})?$/), z.array(z.string().max(80)).max(50)),
    start: z.record(z.string().regex(/^[a-z]{2,3}(?:_[A-Z]{2})?$/), z.array(z.string().max(80)).max(50)),
  });
  const KeywordsOut = KeywordLists.extend({ custom: z.boolean().describe("false: the defaults apply") });

  readRoute(
    app,
    "/v1/contacts/consent-keywords",
    {
      tags,
      summary: "The inbound STOP / START keywords, per language (a message that is exactly one opts out / back in)",
      response: { 200: KeywordsOut },
    },
    (workspaceId) => getConsentKeywords(deps, workspaceId),
  );

  app.put(
    "/v1/contacts/consent-keywords",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary:
          "Replace the workspace's STOP / START keywords ({stop: {en: [...]}, start: {...}}), or go back to the defaults with {reset: true}",
        body: z.union([KeywordLists.strict(), z.strictObject({ reset: z.literal(true) })]),
        response: { 200: KeywordsOut },
      },
    },
    async (request) =>
      setConsentKeywords(
        deps,
        requireRole(request, ["owner", "admin"]).workspaceId,
        "reset" in request.body ? null : request.body,
      ),
  );

  readRoute(
    app,
    "/v1/contacts/tags",
    {
      tags,
      summary: "Tags in use, with how many contacts carry each",
      response: { 200: z.object({ data: z.array(z.object({ tag: z.string(), count: z.number() })) }) },
    },
    async (workspaceId) => ({ data: await listTags(deps, workspaceId) }),
  );

  readRoute(
    app,
    "/v1/contacts/:idOrPhone",
    {
      tags,
      summary: "A contact with its attributes, tags, consent and conversations",
      params: IdOrPhone,
      response: { 200: ContactOut },
    },
    (workspaceId, { params }) => getContactView(deps, workspaceId, params.idOrPhone),
  );

  app.patch(
    "/v1/contacts/:idOrPhone",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary: "Change a contact: profile, attributes (merged), tags (set, add, remove), consent (owner or admin)",
        params: IdOrPhone,
        body: z.strictObject({
          ...writable,
          tags: z.array(Tag).max(100).optional().describe("the whole set"),
          addTags: z.array(Tag).max(100).optional(),
          removeTags: z.array(Tag).max(100).optional(),
        }),
        response: { 200: ContactOut },
      },
    },
    async (request) => {
      const { workspaceId } =
        request.body.consent === undefined ? requireWorkspace(request) : requireRole(request, ["owner", "admin"]);
      return patchContact(deps, workspaceId, request.params.idOrPhone, request.body, consentSourceOf(request));
    },
  );

  app.delete(
    "/v1/contacts/:idOrPhone",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary:
          "Erase a contact (GDPR): its personal data, tags, attributes and consent history, and the bodies of its messages; anonymous counts stay",
        params: IdOrPhone,
        response: { 200: z.object({ id: z.string(), erased: z.literal(true), messagesErased: z.number() }) },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, ["owner", "admin"]);
      const out = await eraseContact(deps, workspaceId, request.params.idOrPhone);
      return { id: out.id, erased: true as const, messagesErased: out.messagesErased };
    },
  );

  app.put(
    "/v1/contacts/:idOrPhone",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: {
        tags,
        summary:
          "Name a contact or record its marketing consent, creating it for a new phone (consent: owner or admin; an inbound STOP opts out by itself)",
        params: IdOrPhone,
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).nullable().optional(),
          marketingOptIn: z.boolean().optional(),
        }),
        response: { 200: ContactOut },
      },
    },
    async (request) => {
      // Agents name contacts as they work; marketing consent is the managers' (issue 11: agents could forge opt-ins).
      const { workspaceId } =
        request.body.marketingOptIn === undefined
          ? requireWorkspace(request)
          : requireRole(request, ["owner", "admin"]);
      return putContact(deps, workspaceId, request.params.idOrPhone, request.body, consentSourceOf(request));
    },
  );

  readRoute(
    app,
    "/v1/contacts/:idOrPhone/consent-history",
    {
      tags,
      summary:
        "Every marketing consent statement of a contact, oldest first, with source, time, proof and whether it applied",
      params: IdOrPhone,
      response: {
        200: z.object({
          data: z.array(
            z.object({
              id: z.string(),
              marketing: z.enum(["opted_in", "opted_out"]),
              source: z.string().nullable(),
              at: z.string(),
              proof: z.string().nullable(),
              applied: z.boolean(),
              recordedAt: z.string(),
            }),
          ),
        }),
      },
    },
    (workspaceId, { params }) => consentHistory(deps, workspaceId, params.idOrPhone),
  );
}

export { ContactFilter };
