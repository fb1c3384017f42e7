import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { hashPassword, hashToken, newId, randomToken, verifyPassword } from "../../platform/crypto/index.js";
import { type Role } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import {
  findOpenInvitationByTokenHash,
  findUserByEmail,
  insertInvitation,
  insertUserIfNew,
  isMemberByEmail,
  markInvitationAccepted,
  openInvitationsForEmail,
  pendingInvitationsOf,
  revokeOpenInvitations,
  upsertMembership,
  type InvitationRow,
} from "./access.repo.js";
import { membershipsOf } from "./memberships.js";
import { workspaceNames } from "../workspaces/index.js";
import { assertMayManage } from "./roles.js";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

type Deps = { db: AnyDb; clock: Clock };

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  status: "pending";
  createdAt: string;
  expiresAt: string;
}

const view = (r: InvitationRow): InvitationView => ({
  id: r.id,
  email: r.email,
  role: r.role,
  status: "pending",
  createdAt: new Date(r.created_at).toISOString(),
  expiresAt: new Date(r.expires_at).toISOString(),
});

/**
 * Invites an email to the workspace. The answer is the same whether or not an account with that
 * email exists anywhere in this Wharf: the inviter learns nothing about other workspaces' users.
 * The token goes out once, in the link the inviter hands to the invitee (Wharf sends no email).
 */
export async function inviteUser(
  deps: Deps,
  workspaceId: WorkspaceId,
  actor: { role: Role; id: string },
  input: { email: string; role: Role },
): Promise<InvitationView & { token: string }> {
  assertMayManage(actor.role, input.role);
  const email = input.email.trim().toLowerCase();
  const now = deps.clock.now();
  const token = `inv_${randomToken(24)}`;
  const row: InvitationRow = {
    id: newId("inv", now),
    workspace_id: workspaceId,
    email,
    role: input.role,
    token_hash: hashToken(token),
    invited_by: actor.id,
    created_at: now,
    expires_at: now + INVITATION_TTL_MS,
    accepted_at: null,
    revoked_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    // Members of this workspace are listed to its managers anyway, so saying so reveals nothing.
    if (await isMemberByEmail(trx, workspaceId, email))
      throw new AppError(
        "ALREADY_EXISTS",
        `${email} is already a member of this workspace; change their role instead.`,
      );
    // A new invitation replaces an open one to the same email.
    await revokeOpenInvitations(trx, workspaceId, { email }, now);
    await insertInvitation(trx, workspaceId, row);
  });
  return { ...view(row), token };
}

export async function listInvitations(deps: Deps, workspaceId: WorkspaceId): Promise<InvitationView[]> {
  return (await pendingInvitationsOf(deps.db, workspaceId, deps.clock.now())).map(view);
}

export async function revokeInvitation(deps: Deps, workspaceId: WorkspaceId, id: string): Promise<void> {
  const n = await deps.db
    .transaction()
    .execute((trx) => revokeOpenInvitations(trx, workspaceId, { id }, deps.clock.now()));
  if (n === 0) throw new AppError("NOT_FOUND", "No open invitation with that id in this workspace.");
}

/** The open invitations addressed to the logged-in user's own email. */
export async function myInvitations(deps: Deps, email: string) {
  const rows = await openInvitationsForEmail(deps.db, email, deps.clock.now());
  const names = await workspaceNames(
    deps.db,
    rows.map((r) => asWorkspaceId(r.workspace_id)),
  );
  return rows.map((r) => ({
    id: r.id,
    workspace: { id: r.workspace_id, name: names.get(asWorkspaceId(r.workspace_id)) ?? "" },
    role: r.role,
    expiresAt: new Date(r.expires_at).toISOString(),
  }));
}

/** An existing account accepts from its own session: the invitation must be addressed to its email. */
export async function acceptAsUser(
  deps: Deps,
  user: { id: string; email: string },
  invitationId: string,
): Promise<WorkspaceId> {
  const now = deps.clock.now();
  const invitation = (await openInvitationsForEmail(deps.db, user.email, now)).find((r) => r.id === invitationId);
  if (!invitation) throw new AppError("NOT_FOUND", "No open invitation with that id for your email.");
  return accept(deps, invitation, user.id, now);
}

/**
 * Someone without an account accepts through the link: the account is created with their own
 * name and password. An email that already has an account must log in and accept from the
 * dashboard instead; nothing is created or changed then.
 */
export async function acceptWithToken(
  deps: Deps,
  input: { token: string; name: string; password: string },
): Promise<{ userId: string; workspaceId: WorkspaceId }> {
  const now = deps.clock.now();
  const invitation = await findOpenInvitationByTokenHash(deps.db, hashToken(input.token), now);
  if (!invitation)
    throw new AppError(
      "INVITATION_INVALID",
      "This invitation link is not valid: it was used, revoked or has expired. Ask for a new one.",
    );
  const existing = await findUserByEmail(deps.db, invitation.email);
  if (existing) {
    // Someone who left every workspace cannot log in to accept from a session: their own password
    // (a login, throttled like one) lets them accept here. Anyone else is sent to log in.
    const homeless = (await membershipsOf(deps.db, existing.id)).length === 0;
    if (homeless && (await verifyPassword(input.password, existing.password_hash))) {
      return { userId: existing.id, workspaceId: await accept(deps, invitation, existing.id, now) };
    }
    throw new AppError(
      "ACCOUNT_EXISTS",
      "This email already has a Wharf account: log in with it, then accept the invitation from the dashboard.",
    );
  }
  const passwordHash = await hashPassword(input.password);
  const userId = newId("usr", now);
  const workspaceId = await deps.db.transaction().execute(async (trx) => {
    const created = await insertUserIfNew(trx, {
      id: userId,
      email: invitation.email,
      name: input.name,
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    });
    if (!created)
      throw new AppError(
        "ACCOUNT_EXISTS",
        "This email already has a Wharf account: log in with it, then accept the invitation from the dashboard.",
      );
    return acceptIn(trx, invitation, userId, now);
  });
  return { userId, workspaceId };
}

function accept(deps: Deps, invitation: InvitationRow, userId: string, now: number): Promise<WorkspaceId> {
  return deps.db.transaction().execute((trx) => acceptIn(trx, invitation, userId, now));
}

async function acceptIn(
  trx: Parameters<typeof markInvitationAccepted>[0],
  invitation: InvitationRow,
  userId: string,
  now: number,
): Promise<WorkspaceId> {
  // The invitation was found by its token or its email; it names the workspace it admits to.
  const workspaceId = asWorkspaceId(invitation.workspace_id);
  // Single use, even when two tabs accept at once.
  if (!(await markInvitationAccepted(trx, workspaceId, invitation.id, now)))
    throw new AppError("INVITATION_INVALID", "This invitation was already used or revoked.");
  await upsertMembership(trx, workspaceId, userId, invitation.role, now);
  return workspaceId;
}
