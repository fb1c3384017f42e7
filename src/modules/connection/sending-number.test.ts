import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { seedConnectedNumber } from "../../../test/support/seed-connected-number.js";
import { allMigrations } from "../../main.js";
import { AppError } from "../../platform/errors/index.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { getActivePhoneNumber, getActivePhoneNumberAndConnection } from "./activate-phone-number.js";

const A = asWorkspaceId("ws_a");
const B = asWorkspaceId("ws_b");

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (err: unknown) => (err instanceof AppError ? err.code : String(err)),
  );

/**
 * The send path reads the number and the connection's status in one statement: the same answers as
 * the number read alone, by our id or by Meta's, never another workspace's number.
 */
describeEachDialect("the sending number and its connection, read together", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    await seedConnectedNumber(tdb.db, {
      workspaceId: A,
      wabaId: "waba_a",
      metaPhoneNumberId: "1001",
      phoneNumberId: "pn_a",
    });
    await seedConnectedNumber(tdb.db, {
      workspaceId: B,
      wabaId: "waba_b",
      metaPhoneNumberId: "2002",
      phoneNumberId: "pn_b",
    });
    // A number id that is neither of our form nor digits (rows written by an older version, say).
    await sql`insert into phone_numbers (id, workspace_id, meta_phone_number_id, waba_id, display_phone_number, throughput_mps, active, created_at, updated_at) values ('legacy-1', ${A}, '3003', 'waba_a', '+1 555 000 0003', 80, 1, 0, 0)`.execute(
      tdb.db,
    );
  });
  afterEach(async () => {
    await tdb.cleanup();
  });

  it("finds the number by our id and by Meta's, with the connection's status", async () => {
    for (const ref of ["pn_a", "1001"]) {
      const { phone, connectionStatus } = await getActivePhoneNumberAndConnection(tdb, A, ref);
      expect([phone.id, phone.meta_phone_number_id, phone.workspace_id, connectionStatus]).toEqual([
        "pn_a",
        "1001",
        "ws_a",
        "connected",
      ]);
      // The row is the number's own: the joined column is not left on it.
      expect(phone).toEqual(await getActivePhoneNumber(tdb, A, ref));
      expect(Object.keys(phone)).not.toContain("connection_status");
    }
    expect((await getActivePhoneNumberAndConnection(tdb, A, "legacy-1")).phone.id).toBe("legacy-1");
    expect((await getActivePhoneNumberAndConnection(tdb, A, "3003")).phone.id).toBe("legacy-1");
  });

  it("never answers with another workspace's number, by either id", async () => {
    for (const ref of ["pn_b", "2002"]) {
      expect(await codeOf(getActivePhoneNumberAndConnection(tdb, A, ref))).toBe("NOT_FOUND");
      expect(await codeOf(getActivePhoneNumber(tdb, A, ref))).toBe("NOT_FOUND");
    }
    expect((await getActivePhoneNumberAndConnection(tdb, B, "2002")).phone.id).toBe("pn_b");
  });

  it("says when the connection needs a reconnect, or is gone, and refuses an inactive number first", async () => {
    await sql`update connections set status = 'needs_reconnect' where workspace_id = ${A}`.execute(tdb.db);
    expect((await getActivePhoneNumberAndConnection(tdb, A, "pn_a")).connectionStatus).toBe("needs_reconnect");
    expect((await getActivePhoneNumberAndConnection(tdb, B, "pn_b")).connectionStatus).toBe("connected");
    await sql`delete from connections where workspace_id = ${A}`.execute(tdb.db);
    expect((await getActivePhoneNumberAndConnection(tdb, A, "pn_a")).connectionStatus).toBeNull();
    await sql`update phone_numbers set active = 0 where id = 'pn_a'`.execute(tdb.db);
    expect(await codeOf(getActivePhoneNumberAndConnection(tdb, A, "pn_a"))).toBe("PHONE_NUMBER_NOT_ACTIVE");
  });
});
