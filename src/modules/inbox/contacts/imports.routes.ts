import { Readable } from "node:stream";
import { z } from "zod";
import { AppError } from "../../../platform/errors/index.js";
import type { App } from "../../../platform/http/index.js";
import { requireRole } from "../../../platform/http/index.js";
import { ATTRIBUTE_TYPES } from "./attributes.js";
import { ListQuery } from "./contacts.routes.js";
import { exportContacts } from "./export-contacts.js";
import { filterFromQuery } from "./filter.js";
import { getImport, importContacts, listImports, previewImport } from "./import-contacts.js";
import { COLUMN_FIELDS, Mapping } from "./import-rows.js";
import type { ContactDeps } from "./manage-contacts.js";

const tags = ["contacts"];
const ImportOut = z.object({
  id: z.string(),
  format: z.enum(["csv", "ndjson"]),
  status: z.enum(["running", "completed", "failed"]),
  counts: z.object({ rows: z.number(), created: z.number(), updated: z.number(), failed: z.number() }),
  errors: z.array(z.object({ line: z.number(), message: z.string() })).describe("the first 1,000 rows refused"),
  error: z.string().nullable().describe("why a failed import stopped"),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
/** A CSV column and where it goes (`attribute`: a custom attribute, with its type when known). */
const ColumnOut = z.object({
  header: z.string(),
  field: z.enum(COLUMN_FIELDS),
  attribute: z.string().optional(),
  type: z.enum(ATTRIBUTE_TYPES).nullable().optional(),
});
const PreviewOut = z
  .object({
    preview: z.literal(true),
    format: z.enum(["csv", "ndjson"]),
    columns: z.array(ColumnOut).nullable().describe("null for NDJSON, whose keys name the fields"),
    rows: z.array(
      z.object({
        line: z.number(),
        error: z.string().optional().describe("why the row would be refused"),
        contact: z
          .object({
            waId: z.string(),
            name: z.string().nullable(),
            email: z.string().nullable(),
            externalId: z.string().nullable(),
            language: z.string().nullable(),
            tags: z.array(z.string()),
            consent: z
              .object({ optIn: z.boolean(), at: z.number().nullable(), proof: z.string().nullable() })
              .nullable()
              .describe("at: milliseconds since the epoch"),
            attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
          })
          .optional()
          .describe("the contact the row would become"),
      }),
    ),
  })
  .describe("With preview=true: the first 20 rows as they would be imported; nothing is written");
const FORMATS: Record<string, "csv" | "ndjson"> = { "text/csv": "csv", "application/x-ndjson": "ndjson" };

/** Raw-body routes: a contacts file is the body itself, read as it arrives. */
export function importsRoutes(app: App, deps: ContactDeps): void {
  void app.register(async (raw: App) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

    raw.post(
      "/v1/contacts/imports",
      {
        config: {
          access: ["owner", "admin"],
          docs: {
            body: {
              contentType: "text/csv",
              schema: {
                type: "string",
                description: "a header line, then one contact a line (or application/x-ndjson)",
              },
            },
          },
        },
        schema: {
          tags,
          summary:
            "Import contacts from a CSV (text/csv, header line first) or NDJSON (application/x-ndjson) body, streamed; idempotent by phone",
          description:
            'CSV columns go by name (phone, name or first_name/last_name, email, external_id, language, tags separated by ";", consent, consent_proof, consent_at; any other column is a custom attribute), or by `mapping` (JSON: {"Header": "phone" | "attributes.<name>[:type]" | "ignore"}). `preview=true` answers the first 20 rows as they would be imported and writes nothing. A bad row is skipped and reported with its line; consent in the file never overrides an opt-out.',
          querystring: z.object({
            preview: z.enum(["true", "false"]).optional(),
            mapping: z.string().max(16_000).optional(),
          }),
          response: { 200: PreviewOut, 201: ImportOut },
        },
      },
      async (request, reply) => {
        const { workspaceId } = requireRole(request, ["owner", "admin"]);
        const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
        const format = FORMATS[type];
        if (!format || !(request.body instanceof Readable))
          throw new AppError(
            "UNSUPPORTED_MEDIA_TYPE",
            "Send the contacts as text/csv (a header line, then one contact a line) or application/x-ndjson (one JSON object a line).",
          );
        let mapping: Record<string, string> = {};
        if (request.query.mapping !== undefined) {
          let json: unknown;
          try {
            json = JSON.parse(request.query.mapping);
          } catch {
            json = null;
          }
          const parsed = Mapping.safeParse(json);
          if (!parsed.success)
            throw new AppError(
              "VALIDATION_FAILED",
              'mapping must be a JSON object: {"Header": "phone" | "attributes.<name>" | "ignore"}.',
            );
          mapping = parsed.data;
        }
        const body = request.body;
        try {
          // Not destroyed when reading stops early (a preview, a bad header): that would reset the
          // connection under the client before it reads the answer. The rest is read and dropped.
          const input = { format, body: body.iterator({ destroyOnReturn: false }), mapping };
          if (request.query.preview === "true") return await previewImport(deps, workspaceId, input);
          return reply.code(201).send(await importContacts(deps, workspaceId, input));
        } finally {
          // The async iterator listens for 'readable', and resume() does nothing while anything
          // does: without this the rest of a previewed body is never read, and the next request on
          // the connection waits behind it until the keep-alive timeout.
          body.removeAllListeners("readable");
          body.resume();
        }
      },
    );
  });

  app.get(
    "/v1/contacts/imports",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "The last 50 imports, newest first (a running one shows its progress)",
        response: { 200: z.object({ data: z.array(ImportOut) }) },
      },
    },
    async (request) => ({ data: await listImports(deps, requireRole(request, ["owner", "admin"]).workspaceId) }),
  );

  app.get(
    "/v1/contacts/imports/:id",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "An import: status, counts and the rows refused with their lines",
        params: z.object({ id: z.string().max(64) }),
        response: { 200: ImportOut },
      },
    },
    async (request) => getImport(deps, requireRole(request, ["owner", "admin"]).workspaceId, request.params.id),
  );

  app.get(
    "/v1/contacts/export",
    {
      config: {
        access: ["owner", "admin"],
        docs: {
          responses: {
            "200": {
              description: "The contacts, one a line, streamed",
              content: {
                "text/csv": { schema: { type: "string" } },
                "application/x-ndjson": { schema: { type: "string" } },
              },
            },
          },
        },
      },
      schema: {
        tags,
        summary: "Every contact matching the list's filters as CSV or NDJSON, streamed",
        querystring: ListQuery.omit({ cursor: true, limit: true }).extend({
          format: z.enum(["csv", "ndjson"]).default("csv"),
        }),
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireRole(request, ["owner", "admin"]);
      const filter = filterFromQuery(request.query);
      const format = request.query.format;
      const lines = exportContacts(deps, workspaceId, filter, format);
      // The first page is read before answering, so a bad filter is still a 400, not a broken stream.
      const first = await lines.next();
      async function* all() {
        if (!first.done) yield first.value;
        yield* lines;
      }
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson")
        .header("content-disposition", `attachment; filename="contacts.${format}"`)
        .send(Readable.from(all()));
    },
  );
}
