import { afterEach, beforeEach, expect, it } from "vitest";
import {
  describeEachDialect,
  dumpAllRows,
  openTestDatabase,
  type TestDatabase,
} from "../../../test/support/databases.js";
import { allMigrations } from "../../main.js";
import { systemClock } from "../../platform/clock.js";
import { createVault, generateMasterKey, staticKeyring } from "../../platform/crypto/index.js";
import { addUserToWorkspace, resolveSession } from "../access/index.js";
import { login } from "../access/sessions.js";
import { apiKeyResolver, createWorkspace, findWorkspace } from "./index.js";

describeEachDialect("workspaces and access repositories", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
  });
  afterEach(() => tdb.cleanup());
  const deps = () => ({
    db: tdb.db,
    clock: systemClock,
    vault: createVault({ db: tdb.db, keyring: staticKeyring(generateMasterKey()), clock: systemClock }),
  });

  it("creates a workspace with its data key and an API key stored only as a hash", async () => {
    const { workspace, apiKey } = await createWorkspace(deps(), { name: "Acme" });
    expect(workspace.id).toMatch(/^ws_[0-9a-z]{26}$/);
    expect(await findWorkspace(tdb.db, workspace.id)).toMatchObject({ name: "Acme" });
    const resolveApiKey = apiKeyResolver({ db: tdb.db, clock: systemClock });
    expect(await resolveApiKey(apiKey)).toMatchObject({ kind: "api_key", workspaceId: workspace.id });
    expect(await resolveApiKey(apiKey.slice(0, -1) + (apiKey.endsWith("a") ? "b" : "a"))).toBeNull();
    expect(await resolveApiKey("not-a-key")).toBeNull();
    expect(await dumpAllRows(tdb)).not.toContain(apiKey);
  });

  it("logs a user in only with the right password and resolves the session to its workspace", async () => {
    const d = deps();
    const { workspace } = await createWorkspace(d, { name: "Acme" });
    await addUserToWorkspace(d, workspace.id, {
      email: "Owner@Acme.test",
      name: "Owner",
      password: "correct horse battery",
      role: "owner",
    });
    await expect(
      login({ ...d, sessionTtlMs: 60_000 }, { email: "owner@acme.test", password: "wrong" }),
    ).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    await expect(
      login({ ...d, sessionTtlMs: 60_000 }, { email: "nobody@acme.test", password: "x" }),
    ).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    const s = await login(
      { ...d, sessionTtlMs: 60_000 },
      { email: "owner@acme.test", password: "correct horse battery" },
    );
    const principal = await resolveSession(d, s.token);
    expect(principal).toMatchObject({ kind: "session", workspaceId: workspace.id, role: "owner" });
    const dump = await dumpAllRows(tdb);
    expect(dump).not.toContain(s.token);
    expect(dump).not.toContain("correct horse battery");
  });

  it("does not resolve an expired session", async () => {
    const d = deps();
    const { workspace } = await createWorkspace(d, { name: "Acme" });
    await addUserToWorkspace(d, workspace.id, {
      email: "a@acme.test",
      name: "A",
      password: "long enough password",
      role: "agent",
    });
    const s = await login({ ...d, sessionTtlMs: 1 }, { email: "a@acme.test", password: "long enough password" });
    await new Promise((r) => setTimeout(r, 5));
    expect(await resolveSession(d, s.token)).toBeNull();
  });
});
