import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import type { NodeKind } from "../state/emulator-state.js";

export const NODE_TYPES: Record<NodeKind, string> = {
  application: "Application",
  user: "User",
  business: "Business",
  waba: "WhatsAppBusinessAccount",
  phone_number: "WhatsAppBusinessPhoneNumber",
  catalog: "ProductCatalog",
  template: "WhatsAppMessageTemplate",
  media: "WhatsAppBusinessMedia",
  upload: "UploadSession",
  product: "ProductItem",
};

export interface VersionedParams {
  version: string;
  id: string;
}

/** A version segment Graph does not know is just an unknown path. */
export function checkVersion(version: string): void {
  if (!/^v\d+\.\d+$/.test(version)) throw graphErrors.unknownPath(`/${version}`);
}

export function versionNumber(version: string): number {
  return Number(version.slice(1));
}

/**
 * Resolves an object id the way Graph reports failures: numeric ids that do not exist are
 * 100/33 ("does not exist, cannot be loaded due to missing permissions..."), anything else is
 * looked up as an alias and fails with 803.
 */
export function resolveNode(ctx: EmulatorContext, id: string, method: string): NodeKind {
  const kind = ctx.state.kindOf(id);
  if (kind) return kind;
  if (/^\d+$/.test(id)) throw graphErrors.unknownObject(id, method);
  throw graphErrors.unknownAlias(id);
}

/** For `/{id}/{edge}`: the id must exist and be of a type that has this edge. */
export function resolveEdge(
  ctx: EmulatorContext,
  params: VersionedParams,
  method: string,
  edge: string,
  kinds: readonly NodeKind[],
): NodeKind {
  checkVersion(params.version);
  const kind = resolveNode(ctx, params.id, method);
  if (!kinds.includes(kind)) throw graphErrors.nonexistingField(edge, NODE_TYPES[kind]);
  return kind;
}
