import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../support/databases.js";
import { startWharf, type StartedWharf } from "../../support/wharf.js";
import { encodedVariants, send, workspaceWithRoles } from "./support.js";

/*
 * Issue 11, finding 3: the CSRF and auth decision was taken on the raw URL while the router
 * matched the decoded path, so `POST /v%31/users` with only the session cookie created an admin.
 * Whatever spelling the router accepts must get the canonical path's decision.
 */
describeEachDialect("security: encoded paths get the decision of the route they reach", (dialect) => {
  let w: StartedWharf;
  let ws: Awaited<ReturnType<typeof workspaceWithRoles>>;
  beforeAll(async () => {
    w = await startWharf({ dialect });
    ws = await workspaceWithRoles(w, `Encoded ${dialect}`);
  });
  afterAll(() => w?.close());

  const emails = async () =>
    ((await send(w, "GET", "/v1/invitations", { token: ws.apiKey })).body.data as Array<{ email: string }>).map(
      (u) => u.email,
    );

  it("a session cookie without the CSRF token invites nobody, however the path is spelled", async () => {
    const paths = ["/v1/invitations", ...encodedVariants("/v1/invitations")];
    const replies = await Promise.all(
      paths.map((p, i) =>
        send(w, "POST", p, { cookie: ws.sessions.owner.cookie }, { email: `csrf${i}@evil.test`, role: "admin" }),
      ),
    );
    paths.forEach((p, i) => {
      const r = replies[i]!;
      // Refused as the canonical path is, or not a route at all.
      expect([p, r.status, r.body?.error?.code]).toSatisfy(
        ([, s, c]) => (s === 403 && c === "CSRF_TOKEN_INVALID") || (s === 404 && c === "NOT_FOUND"),
      );
    });
    expect(replies.some((r) => r.status === 403)).toBe(true);
    expect((await emails()).filter((e) => e.endsWith("@evil.test"))).toEqual([]);
  });

  it("without credentials, encoded spellings are 401 or 404, never served (a path the API does not own gets the dashboard's page)", async () => {
    const replies = await Promise.all(["/v1/users", ...encodedVariants("/v1/users")].map((p) => send(w, "GET", p)));
    for (const r of replies) {
      if (r.status === 200) expect(String(r.body).toLowerCase().startsWith("<!doctype html")).toBe(true);
      else expect([401, 404]).toContain(r.status);
    }
    expect(replies.filter((r) => r.status === 401).length).toBeGreaterThan(1);
  });

  it("logging out is state-changing too: a session without the token is refused", async () => {
    const r = await send(w, "POST", "/v1/auth/logout", { cookie: ws.sessions.agent.cookie });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("CSRF_TOKEN_INVALID");
  });
});

describeEachDialect("security: agents do inbox work, not marketing", (dialect) => {
  let w: StartedWharf;
  let ws: Awaited<ReturnType<typeof workspaceWithRoles>>;
  beforeAll(async () => {
    w = await startWharf({ dialect });
    ws = await workspaceWithRoles(w, `Agents ${dialect}`);
  });
  afterAll(() => w?.close());

  it("an agent cannot create a campaign (403, nothing created)", async () => {
    const r = await send(w, "POST", "/v1/campaigns", ws.sessions.agent, {
      name: "Spam",
      from: "pn_x",
      template: { name: "promo", language: "en_US" },
      draft: true,
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("FORBIDDEN");
    expect((await send(w, "GET", "/v1/campaigns", { token: ws.apiKey })).body.data).toEqual([]);
  });

  it("an agent cannot record marketing consent, but may name the contact", async () => {
    const consent = await send(w, "PUT", "/v1/contacts/15550001111", ws.sessions.agent, { marketingOptIn: true });
    expect(consent.status).toBe(403);
    expect(consent.body.error.code).toBe("FORBIDDEN");
    const both = await send(w, "PUT", "/v1/contacts/15550001111", ws.sessions.agent, {
      name: "Ann",
      marketingOptIn: false,
    });
    expect(both.status).toBe(403);
    const named = await send(w, "PUT", "/v1/contacts/15550001111", ws.sessions.agent, { name: "Ann" });
    expect(named.status).not.toBe(403);
    const contact = await send(w, "GET", "/v1/contacts/15550001111", { token: ws.apiKey });
    if (contact.status === 200) expect(contact.body.marketingOptIn).toBeNull();
    const admin = await send(w, "PUT", "/v1/contacts/15550001111", ws.sessions.admin, { marketingOptIn: true });
    expect(admin.status).not.toBe(403);
  });
});
