import { AppError } from "../../../platform/errors/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { ATTRIBUTE_NAME } from "./attributes.js";
import { countTags, insertAttributeDefs, listAttributeDefs, type AttributeType } from "./directory.repo.js";
import type { ContactDeps } from "./manage-contacts.js";

export async function listAttributes(deps: ContactDeps, workspaceId: WorkspaceId) {
  return (await listAttributeDefs(deps.db, workspaceId)).map((d) => ({ name: d.name, type: d.type }));
}

/** Declares an attribute's type; one already declared keeps its type (a 409 when asked for another). */
export async function declareAttribute(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  name: string,
  type: AttributeType,
): Promise<{ name: string; type: AttributeType }> {
  if (!ATTRIBUTE_NAME.test(name))
    throw new AppError(
      "VALIDATION_FAILED",
      "Attribute names are lower case letters, digits and _, starting with a letter, at most 64.",
    );
  await deps.db
    .transaction()
    .execute((trx) => insertAttributeDefs(trx, workspaceId, [{ name, type }], deps.clock.now()));
  const def = (await listAttributeDefs(deps.db, workspaceId)).find((d) => d.name === name)!;
  if (def.type !== type)
    throw new AppError("CONFLICT", `Attribute "${name}" is already declared as ${def.type}; its type cannot change.`);
  return { name: def.name, type: def.type };
}

export const listTags = (deps: ContactDeps, workspaceId: WorkspaceId) => countTags(deps.db, workspaceId);
