import type { FastifySchema } from "fastify";
import type { z } from "zod";
import type { WorkspaceId } from "../workspace-id.js";
import { requireRole, type Role } from "./principal.js";
import type { App } from "./server.js";

/** Who reads a workspace's things unless a route says otherwise: every member. */
export const MEMBERS: readonly Role[] = ["owner", "admin", "agent"];

export interface ReadSchema<P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType> {
  tags: string[];
  summary: string;
  description?: string;
  params?: P;
  querystring?: Q;
  response: { 200: R };
}

/**
 * A GET that answers with one of the caller's workspace's things: the route's access (every
 * member unless `access` narrows it) is declared once, checked by the auth hook and again here,
 * and `read` gets the workspace and the parsed params and query.
 */
export function readRoute<R extends z.ZodType, P extends z.ZodType = z.ZodNever, Q extends z.ZodType = z.ZodNever>(
  app: App,
  url: string,
  schema: ReadSchema<P, Q, R>,
  read: (workspaceId: WorkspaceId, input: { params: z.output<P>; query: z.output<Q> }) => Promise<z.output<R>>,
  access: readonly Role[] = MEMBERS,
): void {
  // `read`'s signature ties its answer to the response schema; Fastify's types cannot follow that
  // through these generics, so the schema is handed over as a plain one (the zod compilers still run).
  const plain: FastifySchema = schema;
  app.get(url, { config: { access }, schema: plain }, async (request) => {
    const { workspaceId } = requireRole(request, [...access]);
    return read(workspaceId, { params: request.params as z.output<P>, query: request.query as z.output<Q> });
  });
}
