import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { accessMigrations } from "./access.migrations.js";
import { insertInvitation, markInvitationAccepted, pendingInvitationsOf } from "./access.repo.js";
import { workspacesMigrations } from "../workspaces/index.js";

const A = asWorkspaceId("ws_a");
const B = asWorkspaceId("ws_b");

describeEachDialect("access: an invitation is accepted only in its own workspace", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, [...workspacesMigrations, ...accessMigrations]);
    await tdb.db.insertInto("workspaces").values({ id: A, name: "A", created_at: 1, updated_at: 1 }).execute();
    await tdb.db.transaction().execute((trx) =>
      insertInvitation(trx, A, {
        id: "inv_1",
        email: "x@example.com",
        role: "agent",
        token_hash: "h",
        invited_by: "usr_1",
        created_at: 1,
        expires_at: 100,
        accepted_at: null,
        revoked_at: null,
      }),
    );
  });
  afterEach(() => tdb.cleanup());

  it("another workspace's id does not use it up; the owner's does, once", async () => {
    expect(await tdb.db.transaction().execute((trx) => markInvitationAccepted(trx, B, "inv_1", 5))).toBe(false);
    expect(await pendingInvitationsOf(tdb.db, A, 5)).toHaveLength(1);
    expect(await tdb.db.transaction().execute((trx) => markInvitationAccepted(trx, A, "inv_1", 5))).toBe(true);
    expect(await tdb.db.transaction().execute((trx) => markInvitationAccepted(trx, A, "inv_1", 6))).toBe(false);
  });
});
