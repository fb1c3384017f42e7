import { Readable } from "node:stream";
import { z } from "zod";
import { requireRole, requireWorkspace, type App, readRoute } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import { CampaignOut, getCampaign, listCampaignPage } from "./campaign-view.js";
import type { ExpandDeps } from "./expand-campaign.job.js";
import { cancelCampaign, createCampaign, pauseCampaign, resumeCampaign, scheduleWarnings } from "./manage-campaign.js";
import { RecipientLine, RecipientParameters, uploadRecipients } from "./upload-recipients.js";

const tags = ["campaigns"];
const Params = z.object({ id: z.string() });

export function campaignsRoutes(app: App, deps: ExpandDeps): void {
  // NDJSON uploads arrive as the raw request stream, read line by line as it comes (constant memory).
  app.addContentTypeParser("application/x-ndjson", (_request, payload, done) => done(null, payload));

  app.post(
    "/v1/campaigns",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Create a campaign from an approved template (starts now, at scheduledAt, or stays a draft)",
        body: z.object({
          name: z.string().trim().min(1).max(200),
          from: z.string().min(1),
          template: z.object({
            name: z.string().min(1),
            language: z.string().min(2),
            components: z
              .array(z.record(z.string(), z.unknown()))
              .max(12)
              .optional()
              .describe(
                "Meta's template components every recipient gets, e.g. the header image; recipients' `parameters` fill the body",
              ),
          }),
          recipients: z
            .array(z.object({ to: z.string().min(1).max(32), parameters: RecipientParameters.optional() }))
            .max(100_000)
            .optional(),
          audience: z
            .union([
              z.strictObject({ segmentId: z.string().min(1).max(100) }),
              z.strictObject({ tag: z.string().min(1).max(100) }),
            ])
            .optional()
            .describe(
              "send to a segment's or a tag's contacts, as they are when the campaign starts (instead of, or besides, `recipients`); each customer once",
            ),
          scheduledAt: z.iso.datetime({ offset: true }).optional(),
          draft: z.boolean().optional(),
        }),
        response: { 201: CampaignOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireWorkspace(request);
      const b = request.body;
      const input = { ...b, scheduledAt: b.scheduledAt ? Date.parse(b.scheduledAt) : null };
      const warnings = scheduleWarnings(input, deps.clock.now());
      const row = await createCampaign(deps, workspaceId, input);
      const view = await getCampaign(deps, workspaceId, row.id);
      return reply.status(201).send(warnings.length > 0 ? { ...view, warnings } : view);
    },
  );

  app.post(
    "/v1/campaigns/:id/recipients",
    {
      schema: {
        tags,
        summary: "Stream recipients as NDJSON (one {to, parameters?} per line, at most 64 KiB each); all or nothing",
        params: Params,
        response: { 200: z.object({ added: z.number() }) },
      },
      config: {
        access: ["owner", "admin"],
        docs: {
          body: {
            contentType: "application/x-ndjson",
            schema: z.toJSONSchema(RecipientLine),
            description: "One recipient per line",
          },
          errors: ["CONFLICT"],
        },
      },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      // Only the NDJSON parser hands over the stream; a JSON body arrives parsed, no body as undefined.
      if (!(request.body instanceof Readable))
        throw new AppError(
          "UNSUPPORTED_MEDIA_TYPE",
          'Send the recipients as application/x-ndjson: one {"to", "parameters"} object per line.',
        );
      const body = request.body;
      try {
        // Not destroyed when the upload stops early (a bad line): that would reset the connection
        // under the client before it reads the error. The rest is read and dropped instead.
        return {
          added: await uploadRecipients(
            deps,
            workspaceId,
            request.params.id,
            body.iterator({ destroyOnReturn: false }),
          ),
        };
      } finally {
        body.resume();
      }
    },
  );

  readRoute(
    app,
    "/v1/campaigns",
    {
      tags,
      summary: "Campaigns, newest first",
      querystring: z.object({
        cursor: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ data: z.array(CampaignOut), nextCursor: z.string().nullable() }) },
    },
    (workspaceId, { query }) => listCampaignPage(deps, workspaceId, query.cursor, query.limit),
  );

  readRoute(
    app,
    "/v1/campaigns/:id",
    { tags, summary: "A campaign's status and counts", params: Params, response: { 200: CampaignOut } },
    (workspaceId, { params }) => getCampaign(deps, workspaceId, params.id),
  );

  for (const [action, run] of [
    ["pause", pauseCampaign],
    ["resume", resumeCampaign],
    ["cancel", cancelCampaign],
  ] as const) {
    app.post(
      `/v1/campaigns/:id/${action}`,
      {
        config: { access: ["owner", "admin"] },
        schema: {
          tags,
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} the campaign`,
          params: Params,
          response: { 200: CampaignOut },
        },
      },
      async (request) => {
        const { workspaceId } = requireRole(request, ["owner", "admin"]);
        await run(deps, workspaceId, request.params.id);
        return getCampaign(deps, workspaceId, request.params.id);
      },
    );
  }
}
