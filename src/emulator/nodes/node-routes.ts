import type { FastifyInstance, FastifyRequest } from "fastify";
import { requireToken } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import type { NodeKind } from "../state/emulator-state.js";
import { checkVersion, NODE_TYPES, resolveNode, type VersionedParams } from "./lookup.js";

export type NodeHandler = (ctx: EmulatorContext, request: FastifyRequest, params: VersionedParams) => unknown; // the reply body, or a promise of it

export interface NodeHandlers {
  GET: Partial<Record<NodeKind, NodeHandler>>;
  POST: Partial<Record<NodeKind, NodeHandler>>;
  DELETE: Partial<Record<NodeKind, NodeHandler>>;
}

/**
 * `/{version}/{id}`: Graph decides what a call means by the type of the object behind the id
 * (a POST to a phone number sets its PIN, to a template edits it). Each domain module supplies
 * its handlers; an id whose type does not support the method is Graph's 100/33.
 */
export function registerNodeRoutes(app: FastifyInstance, ctx: EmulatorContext, handlers: NodeHandlers): void {
  for (const method of ["GET", "POST", "DELETE"] as const) {
    app.route({
      method,
      url: "/:version/:id",
      handler: async (request) => {
        const params = request.params as VersionedParams;
        checkVersion(params.version);
        if (method === "GET" && params.id === "me") {
          const token = requireToken(ctx, request);
          const user = ctx.state.users.get(token.userId);
          if (!user) throw graphErrors.unknownObject("me", method);
          return { id: user.id, name: user.name };
        }
        const kind = resolveNode(ctx, params.id, method);
        const handler = handlers[method][kind];
        if (!handler) throw graphErrors.unknownObject(params.id, method);
        return handler(ctx, request, params);
      },
    });
    // Any other edge on a known object: Graph names the field and the node type.
    app.route({
      method,
      url: "/:version/:id/:edge",
      handler: async (request) => {
        const params = request.params as VersionedParams & { edge: string };
        checkVersion(params.version);
        const kind = resolveNode(ctx, params.id, method);
        throw graphErrors.nonexistingField(params.edge, NODE_TYPES[kind]);
      },
    });
  }
}
