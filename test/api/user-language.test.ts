// Issue 20: the dashboard's language is kept per user (PATCH /v1/auth/me), in every workspace and
// every browser they log in from; null goes back to following the browser.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { addMember, login } from "../support/team.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

describeEachDialect("the dashboard language per user", (dialect) => {
  let w: StartedWharf;
  beforeAll(async () => {
    w = await startWharf({ dialect });
  });
  afterAll(() => w?.close());

  const patch = (headers: Record<string, string>, body: unknown) =>
    fetch(`${w.url}/v1/auth/me`, {
      method: "PATCH",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const sessionOf = async (cookie: string) =>
    (await fetch(`${w.url}/v1/auth/session`, { headers: { cookie } }).then((r) => r.json())) as {
      user: { email: string; language: string | null };
    };

  it("starts null, is set by the user, survives a new login, and goes back to null", async () => {
    const demo = await login(w.url, w.demo.email, w.demo.password);
    expect((await sessionOf(demo.cookie)).user.language).toBeNull();
    const changed = await patch(demo.headers, { language: "pt-BR" });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { user: { language: string } }).user.language).toBe("pt-BR");
    const again = await login(w.url, w.demo.email, w.demo.password);
    expect((await sessionOf(again.cookie)).user.language).toBe("pt-BR");
    expect((await patch(again.headers, { language: null })).status).toBe(200);
    expect((await sessionOf(demo.cookie)).user.language).toBeNull();
  });

  it("changes only one's own account", async () => {
    const agent = await addMember(w.url, w.demo.apiKey, { email: `agent-${dialect}@lang.test`, role: "agent" });
    expect((await patch(agent.headers, { language: "es" })).status).toBe(200);
    const demo = await login(w.url, w.demo.email, w.demo.password);
    expect((await sessionOf(demo.cookie)).user.language).toBeNull();
    expect((await sessionOf(agent.cookie)).user.language).toBe("es");
  });

  it("refuses an unknown language, extra fields, no CSRF token, an API key and no session", async () => {
    const demo = await login(w.url, w.demo.email, w.demo.password);
    for (const body of [{ language: "fr" }, { language: "pt-BR", name: "x" }, {}, { language: "<script>" }]) {
      const res = await patch(demo.headers, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
    }
    expect((await patch({ cookie: demo.cookie }, { language: "es" })).status).toBe(403);
    // A dashboard setting: an API key is no dashboard session.
    expect((await patch({ authorization: `Bearer ${w.demo.apiKey}` }, { language: "es" })).status).toBe(401);
    expect((await patch({}, { language: "es" })).status).toBe(401);
    expect((await sessionOf(demo.cookie)).user.language).toBeNull();
  });
});
