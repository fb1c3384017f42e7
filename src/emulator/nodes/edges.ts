import type { FastifyRequest } from "fastify";
import { requireToken } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import type { NodeKind } from "../state/emulator-state.js";
import type { PhoneNumberRecord, TokenRecord } from "../state/model.js";
import { resolveEdge, type VersionedParams } from "./lookup.js";

/** A token check on the node an edge hangs from (`requireManagement`, `requireCatalog`...). */
export type EdgeNeed = (token: TokenRecord, id: string) => void;

/**
 * `/{id}/{edge}` on a `kind` node: the id must be one (Graph's errors otherwise, see resolveEdge),
 * and the caller's token must meet `need` on it. The token comes back for edges that act for its app.
 */
export function edgeCall(
  ctx: EmulatorContext,
  request: FastifyRequest,
  method: string,
  edge: string,
  kind: NodeKind,
  need?: EdgeNeed,
): VersionedParams & { token: TokenRecord } {
  const params = request.params as VersionedParams;
  resolveEdge(ctx, params, method, edge, [kind]);
  const token = requireToken(ctx, request);
  need?.(token, params.id);
  return { ...params, token };
}

/** `/{phone_number_id}/{edge}`: the number, once the token meets `need` on its WABA (Meta scopes numbers by WABA). */
export function phoneEdge(
  ctx: EmulatorContext,
  request: FastifyRequest,
  method: string,
  edge: string,
  need: EdgeNeed,
): PhoneNumberRecord {
  const params = request.params as VersionedParams;
  resolveEdge(ctx, params, method, edge, ["phone_number"]);
  const phone = ctx.state.phoneNumbers.get(params.id)!;
  need(requireToken(ctx, request), phone.wabaId);
  return phone;
}
