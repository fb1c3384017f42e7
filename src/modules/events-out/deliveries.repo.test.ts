import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { typed } from "../../platform/db/index.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { attemptsOf, insertDeliveries, type AttemptRow } from "./deliveries.repo.js";
import { eventsOutMigrations } from "./events-out.migrations.js";

const A = asWorkspaceId("ws_a");
const B = asWorkspaceId("ws_b");

describeEachDialect("events-out: a delivery's attempts, by workspace", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, eventsOutMigrations);
    await tdb.db.transaction().execute(async (trx) => {
      await insertDeliveries(trx, A, [
        {
          id: "dlv_1",
          endpoint_id: "whe_1",
          event_id: "evt_1",
          event_type: "message.status",
          payload: "{}",
          state: "pending",
          attempts: 1,
          run_at: 1,
          lease_owner: null,
          lease_until: null,
          last_status: 500,
          last_error: null,
          created_at: 1,
          delivered_at: null,
        },
      ]);
      await typed<{ webhook_delivery_attempts: AttemptRow }>(trx)
        .insertInto("webhook_delivery_attempts")
        .values({ delivery_id: "dlv_1", attempt: 1, at: 2, status: 500, error: null, duration_ms: 3 })
        .execute();
    });
  });
  afterEach(() => tdb.cleanup());

  it("the owner reads them; another workspace with the same delivery id reads none", async () => {
    expect((await attemptsOf(tdb.db, A, ["dlv_1"])).map((a) => a.attempt)).toEqual([1]);
    expect(await attemptsOf(tdb.db, B, ["dlv_1"])).toEqual([]);
  });
});
