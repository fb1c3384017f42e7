import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { seedConnectedNumber } from "../../../test/support/seed-connected-number.js";
import { allMigrations } from "../../main.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { describeCatalog } from "./catalog-view.js";
import { claimPendingProducts, releaseBatch } from "./catalog.repo.js";
import { acquireSyncLease, releaseSyncLease } from "./sync-state.repo.js";

const A = asWorkspaceId("ws_a");
const LEASE_MS = 60_000;

/**
 * What `GET /v1/catalog` says while a sync winds down after the catalog token failed: the client
 * marks the catalog `needs_reconnect` at the failing call, before the sync has put its batch's
 * products back. The view must not read `paused` with products still `syncing`.
 */
describeEachDialect("the catalog view while a sync stops on a failed token", (dialect) => {
  let tdb: TestDatabase;
  let now = 1_000_000;
  const clock = { now: () => now };
  const view = () => describeCatalog({ db: tdb.db, clock }, A);

  beforeEach(async () => {
    now = 1_000_000;
    tdb = await openTestDatabase(dialect, allMigrations);
    await seedConnectedNumber(tdb.db, { workspaceId: A, wabaId: "waba_a", metaPhoneNumberId: "1001" });
    await sql`update connections set catalog_id = 'cat_1', catalog_status = 'connected' where workspace_id = ${A}`.execute(
      tdb.db,
    );
    for (let n = 0; n < 3; n++)
      await sql`insert into catalog_products (id, workspace_id, retailer_id, title, description, price, currency, availability, condition, link, image_link, content_hash, deleted, sync_status, created_at, updated_at) values (${`prd_${n}`}, ${A}, ${`SKU-${n}`}, 'Shirt', 'A shirt', 1000, 'USD', 'in stock', 'new', 'https://shop.example/p', 'https://shop.example/i.jpg', ${`h${n}`}, 0, 'pending', ${now}, ${now})`.execute(
        tdb.db,
      );
  });
  afterEach(async () => {
    await tdb.cleanup();
  });

  const tokenFails = () =>
    sql`update connections set catalog_status = 'needs_reconnect', catalog_last_error = 'revoked' where workspace_id = ${A}`.execute(
      tdb.db,
    );

  it("reads running until the sync released its products and its lease, then paused with them pending", async () => {
    expect(await acquireSyncLease(tdb.db, A, "worker-1", now, LEASE_MS)).toBe(true);
    const claimed = await tdb.db
      .transaction()
      .execute((trx) => claimPendingProducts(trx, A, "wharf:batch-1", 100, now));
    expect(claimed).toHaveLength(3);
    await tokenFails();

    // The moment in between: the token is marked, the batch not yet released.
    const between = await view();
    expect(between.status).toBe("needs_reconnect");
    expect(between.sync.state).toBe("running");
    expect(between.products).toMatchObject({ syncing: 3, pending: 0 });

    await releaseBatch(tdb.db, A, "wharf:batch-1", now);
    await releaseSyncLease(tdb.db, A, "worker-1", { state: "paused", now, error: "revoked" });
    const after = await view();
    expect(after.sync.state).toBe("paused");
    expect(after.products).toMatchObject({ syncing: 0, pending: 3 });
  });

  it("reads paused for a failed token when no sync runs, and when the sync that ran died", async () => {
    await tokenFails();
    expect((await view()).sync.state).toBe("paused");
    // A worker took the lease and died: once its lease ran out nobody is running the sync.
    expect(await acquireSyncLease(tdb.db, A, "worker-dead", now, LEASE_MS)).toBe(true);
    expect((await view()).sync.state).toBe("running");
    now += LEASE_MS + 1;
    expect((await view()).sync.state).toBe("paused");
  });

  it("reads the sync row's own state while the token is healthy", async () => {
    expect((await view()).sync.state).toBe("idle");
    expect(await acquireSyncLease(tdb.db, A, "worker-1", now, LEASE_MS)).toBe(true);
    expect((await view()).sync.state).toBe("running");
    await releaseSyncLease(tdb.db, A, "worker-1", { state: "idle", now });
    expect((await view()).sync.state).toBe("idle");
  });
});
