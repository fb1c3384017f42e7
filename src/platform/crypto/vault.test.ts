import { afterEach, beforeEach, expect, it } from "vitest";
import {
  describeEachDialect,
  dumpAllRows,
  openTestDatabase,
  type TestDatabase,
} from "../../../test/support/databases.js";
import { systemClock } from "../clock.js";
import { typed } from "../db/index.js";
import { asWorkspaceId } from "../workspace-id.js";
import { generateMasterKey, staticKeyring } from "./keyring.js";
import { createVault, VaultError, vaultMigrations, type VaultTables } from "./index.js";

const wsA = asWorkspaceId("ws_a");
const wsB = asWorkspaceId("ws_b");
const SECRET = "EAAGm0PX4ZCpsBAPlainTextToken1234567890";

describeEachDialect("vault", (dialect) => {
  let tdb: TestDatabase;
  const oldKey = generateMasterKey();
  const newKey = generateMasterKey();

  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, vaultMigrations);
  });
  afterEach(() => tdb.cleanup());

  const vaultWith = (current: string, previous: string[] = []) =>
    createVault({ db: tdb.db, keyring: staticKeyring(current, previous), clock: systemClock });
  async function seed() {
    const vault = vaultWith(oldKey);
    for (const ws of [wsA, wsB]) await vault.createDataKey(tdb.db, ws);
    await vault.putSecret(tdb.db, wsA, "meta_token", "conn_1", SECRET);
    await vault.putSecret(tdb.db, wsA, "meta_token", "conn_2", "another-secret-value");
    await vault.putSecret(tdb.db, wsB, "meta_token", "conn_1", "workspace-b-secret");
    return vault;
  }
  const secrets = () => typed<VaultTables>(tdb.db).selectFrom("secrets");

  it("round-trips a secret and keeps only ciphertext at rest", async () => {
    const vault = await seed();
    expect(await vault.findSecret(wsA, "meta_token", "conn_1")).toBe(SECRET);
    expect(await vault.findSecret(wsA, "meta_token", "missing")).toBeNull();
    const dump = await dumpAllRows(tdb);
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain("workspace-b-secret");
    expect(dump).not.toContain(oldKey);
  });

  it("refuses a ciphertext moved to another record", async () => {
    const vault = await seed();
    const row = await secrets()
      .select("ciphertext")
      .where("record_id", "=", "conn_1")
      .where("workspace_id", "=", wsA)
      .executeTakeFirstOrThrow();
    await typed<VaultTables>(tdb.db)
      .updateTable("secrets")
      .set({ ciphertext: row.ciphertext })
      .where("workspace_id", "=", wsA)
      .where("record_id", "=", "conn_2")
      .execute();
    await expect(vault.findSecret(wsA, "meta_token", "conn_2")).rejects.toMatchObject({ reason: "decrypt_failed" });
  });

  it("refuses a ciphertext moved to another workspace or purpose", async () => {
    const vault = await seed();
    const row = await secrets()
      .select("ciphertext")
      .where("workspace_id", "=", wsA)
      .where("record_id", "=", "conn_1")
      .executeTakeFirstOrThrow();
    await typed<VaultTables>(tdb.db)
      .updateTable("secrets")
      .set({ ciphertext: row.ciphertext })
      .where("workspace_id", "=", wsB)
      .execute();
    await expect(vault.findSecret(wsB, "meta_token", "conn_1")).rejects.toBeInstanceOf(VaultError);
    await expect(vault.open(wsA, "catalog_token", "conn_1", row.ciphertext)).rejects.toMatchObject({
      reason: "decrypt_failed",
    });
  });

  it("refuses a tampered ciphertext", async () => {
    const vault = await seed();
    const { ciphertext } = await secrets()
      .select("ciphertext")
      .where("workspace_id", "=", wsA)
      .where("record_id", "=", "conn_1")
      .executeTakeFirstOrThrow();
    // The second-to-last character changed (decided by itself: by the last one, as before, it was
    // left as it was whenever it already held the replacement, 1 run in 64).
    const flipped = ciphertext.slice(0, -2) + (ciphertext.at(-2) === "A" ? "B" : "A") + ciphertext.slice(-1);
    expect(flipped).not.toBe(ciphertext);
    await expect(vault.open(wsA, "meta_token", "conn_1", flipped)).rejects.toBeInstanceOf(VaultError);
    await expect(vault.open(wsA, "meta_token", "conn_1", "garbage")).rejects.toMatchObject({ reason: "malformed" });
  });

  it("after rotation everything decrypts under the new key and the old key no longer works", async () => {
    await seed();
    // A reader that was running before the rotation and cached its data keys keeps working.
    const running = vaultWith(newKey, [oldKey]);
    expect(await running.findSecret(wsA, "meta_token", "conn_1")).toBe(SECRET);

    const result = await vaultWith(newKey, [oldKey]).rewrapAll();
    expect(result).toEqual({ rewrapped: 2, total: 2 });
    expect(await vaultWith(newKey, [oldKey]).rewrapAll()).toEqual({ rewrapped: 0, total: 2 });

    const fresh = vaultWith(newKey);
    expect(await fresh.findSecret(wsA, "meta_token", "conn_1")).toBe(SECRET);
    expect(await fresh.findSecret(wsB, "meta_token", "conn_1")).toBe("workspace-b-secret");
    expect(await running.findSecret(wsA, "meta_token", "conn_2")).toBe("another-secret-value");
    await expect(vaultWith(oldKey).findSecret(wsA, "meta_token", "conn_1")).rejects.toMatchObject({
      reason: "unknown_master_key",
    });
    expect(await dumpAllRows(tdb)).not.toContain(newKey);
  });

  it("stores a secret inside a transaction with a cold data-key cache (no self-deadlock on SQLite)", async () => {
    await vaultWith(oldKey).createDataKey(tdb.db, wsA);
    const cold = vaultWith(oldKey);
    await tdb.db.transaction().execute((trx) => cold.putSecret(trx, wsA, "meta_token", "conn_9", SECRET));
    expect(await vaultWith(oldKey).findSecret(wsA, "meta_token", "conn_9")).toBe(SECRET);
  }, 5_000);

  it("does not find a secret of another workspace under the same record id", async () => {
    const vault = await seed();
    expect(await vault.findSecret(wsB, "meta_token", "conn_2")).toBeNull();
    expect(await vault.findSecret(wsB, "meta_token", "conn_1")).toBe("workspace-b-secret");
  });
});
