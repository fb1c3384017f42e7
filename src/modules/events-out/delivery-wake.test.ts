import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { deliveryWake, ENDPOINT_SET_TTL_MS } from "./delivery-wake.js";
import { insertEndpoint } from "./endpoints.repo.js";
import { eventsOutMigrations } from "./events-out.migrations.js";

const WITH = asWorkspaceId("ws_with");
const WITHOUT = asWorkspaceId("ws_without");

describeEachDialect("events-out: the delivery worker is woken only for workspaces with an endpoint", (dialect) => {
  let tdb: TestDatabase;
  let now = 1_000;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, eventsOutMigrations);
    now = 1_000;
  });
  afterEach(() => tdb.cleanup());

  const addEndpoint = (workspaceId: typeof WITH, id: string) =>
    tdb.db.transaction().execute((trx) =>
      insertEndpoint(trx, workspaceId, {
        id,
        url: "https://example.test/hook",
        events: '["*"]',
        description: null,
        secret_sealed: "sealed",
        created_at: 1,
        updated_at: 1,
      }),
    );
  /** How many pokes `committed` gives for a workspace, once its read (if any) has settled. */
  const pokes = async (wake: ReturnType<typeof deliveryWake>, workspaceId: typeof WITH) => {
    let n = 0;
    wake.committed(workspaceId, () => (n += 1));
    await new Promise((r) => setTimeout(r, 50));
    return n;
  };

  it("pokes for a workspace with an endpoint, not for one without; a new endpoint counts at once after `changed`, or after the TTL", async () => {
    await addEndpoint(WITH, "whe_1");
    const wake = deliveryWake({ db: tdb.db, now: () => now });
    expect(await pokes(wake, WITH)).toBe(1);
    expect(await pokes(wake, WITHOUT)).toBe(0);

    await addEndpoint(WITHOUT, "whe_2");
    // Within the TTL the set read before stands ...
    expect(await pokes(wake, WITHOUT)).toBe(0);
    // ... until this process says it changed an endpoint,
    wake.changed();
    expect(await pokes(wake, WITHOUT)).toBe(1);

    // or until the TTL has passed (another process made it).
    const other = deliveryWake({ db: tdb.db, now: () => now });
    expect(await pokes(other, asWorkspaceId("ws_third"))).toBe(0);
    await addEndpoint(asWorkspaceId("ws_third"), "whe_3");
    expect(await pokes(other, asWorkspaceId("ws_third"))).toBe(0);
    now += ENDPOINT_SET_TTL_MS;
    expect(await pokes(other, asWorkspaceId("ws_third"))).toBe(1);
  });

  it("a failed read pokes rather than leave deliveries to the poll", async () => {
    const errors: unknown[] = [];
    const wake = deliveryWake({ db: tdb.db, now: () => now, onError: (e) => errors.push(e) });
    await tdb.cleanup();
    expect(await pokes(wake, WITHOUT)).toBe(1);
    expect(errors).toHaveLength(1);
    tdb = await openTestDatabase(dialect, eventsOutMigrations);
  });
});
