import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../support/databases.js";
import { addMember, login, tokenOf } from "../../support/team.js";
import { startWharf, type StartedWharf } from "../../support/wharf.js";

// Issue 11, findings 1, 5 and 8: users belong to a workspace only by accepting an invitation; an
// inviter learns nothing of other workspaces' users; roles never climb above the caller's; keys
// and passwords can be revoked and changed.
describeEachDialect("security: team, invitations, roles, keys", (dialect) => {
  let w: StartedWharf;
  beforeAll(async () => {
    w = await startWharf({ dialect });
  });
  afterAll(() => w?.close());

  async function call(
    method: string,
    path: string,
    auth: { token?: string; headers?: Record<string, string> } = {},
    body?: unknown,
  ) {
    const res = await fetch(`${w.url}${path}`, {
      method,
      headers: {
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...auth.headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const workspace = async (name: string) =>
    (await call("POST", "/v1/workspaces", { token: w.adminToken }, { name })).body as { id: string; apiKey: string };

  it("inviting another workspace's owner reveals nothing and attaches nobody until they accept", async () => {
    const b = await workspace("Tenant B");
    const known = await call("POST", "/v1/invitations", { token: b.apiKey }, { email: w.demo.email, role: "admin" });
    const fresh = await call(
      "POST",
      "/v1/invitations",
      { token: b.apiKey },
      { email: "nobody-yet@b.test", role: "admin" },
    );
    expect(known.status).toBe(201);
    expect(fresh.status).toBe(201);
    // The same shape and fields either way: no user id, no name.
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(JSON.stringify(known.body)).not.toMatch(/usr_|Demo Owner/);
    const owner = await login(w.url, w.demo.email, w.demo.password);
    const before = await call("GET", "/v1/auth/session", { headers: owner.headers });
    expect(before.body.workspaces.map((x: { id: string }) => x.id)).toEqual([w.demo.workspaceId]);
    expect(
      (await call("GET", "/v1/users", { token: b.apiKey })).body.data.map((u: { email: string }) => u.email),
    ).not.toContain(w.demo.email);
    // The link cannot be used to take over or attach the existing account.
    const viaLink = await call(
      "POST",
      "/v1/invitations/accept",
      {},
      { token: tokenOf(known.body.acceptUrl), name: "Mallory", password: "mallory-password-1" },
    );
    expect(viaLink.status).toBe(409);
    expect(viaLink.body.error.code).toBe("ACCOUNT_EXISTS");
    expect((await call("GET", "/v1/users", { token: b.apiKey })).body.data).toHaveLength(0);
    // The owner sees it from their own session, accepts, and can leave again.
    const mine = await call("GET", "/v1/auth/invitations", { headers: owner.headers });
    expect(mine.body.data).toEqual([
      expect.objectContaining({ id: known.body.id, workspace: { id: b.id, name: "Tenant B" }, role: "admin" }),
    ]);
    const accepted = await call("POST", `/v1/auth/invitations/${known.body.id}/accept`, { headers: owner.headers });
    expect(accepted.status).toBe(200);
    expect(accepted.body.activeWorkspaceId).toBe(b.id);
    expect(accepted.body.workspaces.map((x: { id: string }) => x.id).sort()).toEqual([w.demo.workspaceId, b.id].sort());
    expect((await call("DELETE", `/v1/users/${owner.userId}`, { headers: owner.headers })).status).toBe(204);
    const after = await login(w.url, w.demo.email, w.demo.password);
    expect(
      (await call("GET", "/v1/auth/session", { headers: after.headers })).body.workspaces.map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual([w.demo.workspaceId]);
  });

  it("someone who left every workspace can accept a new invitation with their own password", async () => {
    const a = await workspace("Left A");
    const b = await workspace("Left B");
    const member = await addMember(w.url, a.apiKey, {
      email: "wanderer@left.test",
      role: "agent",
      password: "wanderer-password",
    });
    expect((await call("DELETE", `/v1/users/${member.userId}`, { headers: member.headers })).status).toBe(204);
    const inv = (
      await call("POST", "/v1/invitations", { token: b.apiKey }, { email: "wanderer@left.test", role: "agent" })
    ).body;
    const wrong = await call(
      "POST",
      "/v1/invitations/accept",
      {},
      { token: tokenOf(inv.acceptUrl), name: "Mallory", password: "not-their-password" },
    );
    expect(wrong.body.error.code).toBe("ACCOUNT_EXISTS");
    const ok = await call(
      "POST",
      "/v1/invitations/accept",
      {},
      { token: tokenOf(inv.acceptUrl), name: "ignored", password: "wanderer-password" },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.activeWorkspaceId).toBe(b.id);
  });

  it("an invitation is single-use, revocable, and never readable by another workspace", async () => {
    const a = await workspace("Inv A");
    const b = await workspace("Inv B");
    const inv = (await call("POST", "/v1/invitations", { token: a.apiKey }, { email: "once@a.test", role: "agent" }))
      .body;
    expect((await call("DELETE", `/v1/invitations/${inv.id}`, { token: b.apiKey })).status).toBe(404);
    expect((await call("GET", "/v1/invitations", { token: b.apiKey })).body.data).toEqual([]);
    const first = await call(
      "POST",
      "/v1/invitations/accept",
      {},
      { token: tokenOf(inv.acceptUrl), name: "Once", password: "a-long-password" },
    );
    expect(first.status).toBe(200);
    const again = await call(
      "POST",
      "/v1/invitations/accept",
      {},
      { token: tokenOf(inv.acceptUrl), name: "Twice", password: "a-long-password" },
    );
    expect(again.status).toBe(404);
    const revoked = (
      await call("POST", "/v1/invitations", { token: a.apiKey }, { email: "revoked@a.test", role: "agent" })
    ).body;
    expect((await call("DELETE", `/v1/invitations/${revoked.id}`, { token: a.apiKey })).status).toBe(204);
    expect(
      (
        await call(
          "POST",
          "/v1/invitations/accept",
          {},
          { token: tokenOf(revoked.acceptUrl), name: "R", password: "a-long-password" },
        )
      ).body.error.code,
    ).toBe("INVITATION_INVALID");
  });

  it("nobody changes a role above their own, and the last owner stays", async () => {
    const ws = await workspace("Roles");
    const owner = await addMember(w.url, ws.apiKey, { email: "owner@roles.test", role: "owner" });
    const admin = await addMember(w.url, ws.apiKey, { email: "admin@roles.test", role: "admin" });
    const agent = await addMember(w.url, ws.apiKey, { email: "agent@roles.test", role: "agent" });
    // Finding 5: an admin can neither demote nor remove an owner, nor mint one.
    expect(
      (await call("PATCH", `/v1/users/${owner.userId}`, { headers: admin.headers }, { role: "agent" })).status,
    ).toBe(403);
    expect((await call("DELETE", `/v1/users/${owner.userId}`, { headers: admin.headers })).status).toBe(403);
    expect(
      (await call("PATCH", `/v1/users/${agent.userId}`, { headers: admin.headers }, { role: "owner" })).status,
    ).toBe(403);
    expect(
      (await call("POST", "/v1/invitations", { headers: admin.headers }, { email: "owner@roles.test", role: "agent" }))
        .status,
    ).toBe(409);
    expect(
      (
        await call(
          "POST",
          "/v1/invitations",
          { headers: admin.headers },
          { email: "new-owner@roles.test", role: "owner" },
        )
      ).status,
    ).toBe(403);
    // An agent manages nobody.
    expect(
      (await call("PATCH", `/v1/users/${admin.userId}`, { headers: agent.headers }, { role: "agent" })).status,
    ).toBe(403);
    expect((await call("DELETE", `/v1/users/${admin.userId}`, { headers: agent.headers })).status).toBe(403);
    // An admin manages agents and admins.
    expect(
      (await call("PATCH", `/v1/users/${agent.userId}`, { headers: admin.headers }, { role: "admin" })).body.role,
    ).toBe("admin");
    // The last owner cannot be demoted or removed, not even by themselves.
    const demote = await call("PATCH", `/v1/users/${owner.userId}`, { headers: owner.headers }, { role: "admin" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("LAST_OWNER");
    expect((await call("DELETE", `/v1/users/${owner.userId}`, { headers: owner.headers })).body.error.code).toBe(
      "LAST_OWNER",
    );
    // Another workspace's member id is unknown here.
    const other = await workspace("Other");
    expect((await call("PATCH", `/v1/users/${owner.userId}`, { token: other.apiKey }, { role: "agent" })).status).toBe(
      404,
    );
    expect((await call("DELETE", `/v1/users/${owner.userId}`, { token: other.apiKey })).status).toBe(404);
    // A removed member's session ends at once.
    expect((await call("DELETE", `/v1/users/${agent.userId}`, { headers: owner.headers })).status).toBe(204);
    expect((await call("GET", "/v1/workspace", { headers: agent.headers })).status).toBe(401);
  });

  it("API keys are listed without their secret, revoked at once, and record their last use", async () => {
    const ws = await workspace("Keys");
    const other = await workspace("Keys other");
    const created = await call("POST", "/v1/api-keys", { token: ws.apiKey }, { label: "CI" });
    expect(created.status).toBe(201);
    expect(created.body.apiKey).toMatch(/^whk_/);
    expect((await call("GET", "/v1/workspace", { token: created.body.apiKey })).status).toBe(200);
    // The last use is written after the answer, off the request's path: read until it shows.
    const readKey = async () => {
      const list = await call("GET", "/v1/api-keys", { token: ws.apiKey });
      expect(JSON.stringify(list.body)).not.toContain(created.body.apiKey);
      return list.body.data.find((k: { id: string }) => k.id === created.body.id);
    };
    let ci = await readKey();
    for (let i = 0; i < 50 && ci.lastUsedAt === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ci = await readKey();
    }
    expect(ci).toMatchObject({ label: "CI", hint: created.body.apiKey.slice(-4), revokedAt: null });
    expect(ci.lastUsedAt).not.toBeNull();
    expect((await call("DELETE", `/v1/api-keys/${created.body.id}`, { token: other.apiKey })).status).toBe(404);
    expect((await call("DELETE", `/v1/api-keys/${created.body.id}`, { token: ws.apiKey })).status).toBe(204);
    expect((await call("GET", "/v1/workspace", { token: created.body.apiKey })).status).toBe(401);
    // A key acts as the owner, so only owners manage keys: an admin with one could demote the owners.
    const admin = await addMember(w.url, ws.apiKey, { email: "admin@keys.test", role: "admin" });
    expect((await call("POST", "/v1/api-keys", { headers: admin.headers }, { label: "escalate" })).status).toBe(403);
    expect((await call("GET", "/v1/api-keys", { headers: admin.headers })).status).toBe(403);
    // The last live key cannot revoke itself.
    const own = (await call("GET", "/v1/api-keys", { token: ws.apiKey })).body.data.find(
      (k: { revokedAt: string | null }) => k.revokedAt === null,
    );
    expect((await call("DELETE", `/v1/api-keys/${own.id}`, { token: ws.apiKey })).status).toBe(409);
  });

  it("changing a password ends the other sessions and retires the old password", async () => {
    const ws = await workspace("Password");
    const first = await addMember(w.url, ws.apiKey, {
      email: "pw@password.test",
      role: "agent",
      password: "old-password-123",
    });
    const second = await login(w.url, "pw@password.test", "old-password-123");
    expect(
      (
        await call(
          "POST",
          "/v1/auth/password",
          { headers: first.headers },
          { currentPassword: "wrong-password", newPassword: "new-password-456" },
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await call(
          "POST",
          "/v1/auth/password",
          { headers: first.headers },
          { currentPassword: "old-password-123", newPassword: "new-password-456" },
        )
      ).status,
    ).toBe(204);
    expect((await call("GET", "/v1/auth/session", { headers: first.headers })).status).toBe(200);
    expect((await call("GET", "/v1/auth/session", { headers: second.headers })).status).toBe(401);
    await expect(login(w.url, "pw@password.test", "old-password-123")).rejects.toThrow(/401/);
    await login(w.url, "pw@password.test", "new-password-456");
  });
});
