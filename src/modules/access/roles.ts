import { type Role } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";

const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3 };

/**
 * Nobody grants, changes or removes a role above their own: an admin manages admins and agents,
 * only an owner touches owners.
 */
export function assertMayManage(actor: Role, ...roles: Role[]): void {
  for (const role of roles) {
    if (RANK[role] > RANK[actor])
      throw new AppError("FORBIDDEN", `Only an owner can grant, change or remove the ${role} role.`);
  }
}
