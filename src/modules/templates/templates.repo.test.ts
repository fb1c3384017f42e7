import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { templatesMigrations } from "./templates.migrations.js";
import {
  listTemplateAccounts,
  recordSyncOutcome,
  removeTemplatesNotSeen,
  upsertTemplateAccount,
  upsertTemplatesFromMeta,
} from "./template-sync.repo.js";
import {
  deleteTemplateByMetaId,
  findTemplate,
  findTemplateByRef,
  insertTemplate,
  listTemplateRows,
  setTemplateStatus,
  type TemplateFromMeta,
  type TemplateRow,
} from "./templates.repo.js";

const A = asWorkspaceId("ws_a");
const B = asWorkspaceId("ws_b");
let seq = 0;
const meta = (over: Partial<TemplateFromMeta> = {}): TemplateFromMeta => ({
  waba_id: "waba1",
  meta_template_id: String(1000 + seq++),
  name: "order_update",
  language: "en_US",
  category: "UTILITY",
  status: "PENDING",
  reason: null,
  parameter_format: "POSITIONAL",
  components: '[{"type":"BODY","text":"Hi"}]',
  quality_score: null,
  ...over,
});
const row = (over: Partial<TemplateFromMeta> & { id: string }, at = 1_000): Omit<TemplateRow, "workspace_id"> => ({
  ...meta(over),
  id: over.id,
  message_send_ttl_seconds: null,
  approved_edits: "[]",
  synced_at: null,
  created_at: at,
  updated_at: at,
});

describeEachDialect("templates repository", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, templatesMigrations);
  });
  afterEach(() => tdb.cleanup());
  let ids = 0;
  const newId = () => `tpl_${String(ids++).padStart(26, "0")}`;

  it("keeps each workspace's templates to itself", async () => {
    await insertTemplate(tdb.db, A, row({ id: "tpl_1", meta_template_id: "555" }));
    expect(await findTemplate(tdb.db, A, "tpl_1")).toMatchObject({ name: "order_update", workspace_id: "ws_a" });
    expect(await findTemplate(tdb.db, B, "tpl_1")).toBeNull();
    expect(await findTemplateByRef(tdb.db, B, "order_update", "en_US")).toBeNull();
    expect(await setTemplateStatus(tdb.db, B, "555", { status: "APPROVED", reason: null, updated_at: 2 })).toBe(0);
    expect(await deleteTemplateByMetaId(tdb.db, B, "555")).toBe(0);
    expect((await findTemplate(tdb.db, A, "tpl_1"))!.status).toBe("PENDING");
  });

  it("lists by name then language, filtered, with a (name, language) cursor", async () => {
    for (const [id, name, language, status] of [
      ["t1", "b_tpl", "pt_BR", "APPROVED"],
      ["t2", "a_tpl", "en_US", "PENDING"],
      ["t3", "b_tpl", "en_US", "APPROVED"],
      ["t4", "c_tpl", "en", "REJECTED"],
    ] as const) {
      await insertTemplate(tdb.db, A, row({ id, name, language, status }));
    }
    await insertTemplate(tdb.db, B, row({ id: "t5", name: "a_tpl", language: "en" }));
    const names = (rows: TemplateRow[]) => rows.map((r) => `${r.name}/${r.language}`);
    expect(names(await listTemplateRows(tdb.db, A, {}, { limit: 10 }))).toEqual([
      "a_tpl/en_US",
      "b_tpl/en_US",
      "b_tpl/pt_BR",
      "c_tpl/en",
    ]);
    expect(names(await listTemplateRows(tdb.db, A, { status: "APPROVED" }, { limit: 10 }))).toEqual([
      "b_tpl/en_US",
      "b_tpl/pt_BR",
    ]);
    expect(
      names(await listTemplateRows(tdb.db, A, {}, { limit: 2, after: { name: "b_tpl", language: "en_US" } })),
    ).toEqual(["b_tpl/pt_BR", "c_tpl/en"]);
  });

  it("stores Meta's view: inserts new, updates changed, keeps our id, edits and a webhook's reason", async () => {
    const first = meta({ meta_template_id: "900", status: "PENDING" });
    expect(await upsertTemplatesFromMeta(tdb.db, A, [first], 10, newId)).toEqual({ added: 1, changed: 0 });
    const stored = (await findTemplateByRef(tdb.db, A, "order_update", "en_US"))!;
    await tdb.db
      .updateTable("templates" as never)
      .set({ approved_edits: "[5]" } as never)
      .execute();
    // A webhook said PAUSED with an explanation; a later listing has the same status and no reason.
    await setTemplateStatus(tdb.db, A, "900", {
      status: "PAUSED",
      reason: "Paused for 3 hours: low quality",
      updated_at: 11,
    });
    expect(await upsertTemplatesFromMeta(tdb.db, A, [{ ...first, status: "PAUSED" }], 12, newId)).toEqual({
      added: 0,
      changed: 0,
    });
    let now = (await findTemplate(tdb.db, A, stored.id))!;
    expect(now).toMatchObject({
      status: "PAUSED",
      reason: "Paused for 3 hours: low quality",
      approved_edits: "[5]",
      synced_at: 12,
    });
    // Then Meta rejects it: Meta's status and reason win.
    expect(
      await upsertTemplatesFromMeta(tdb.db, A, [{ ...first, status: "REJECTED", reason: "INVALID_FORMAT" }], 13, newId),
    ).toEqual({ added: 0, changed: 1 });
    now = (await findTemplate(tdb.db, A, stored.id))!;
    expect(now).toMatchObject({ id: stored.id, status: "REJECTED", reason: "INVALID_FORMAT", updated_at: 13 });
  });

  it("replaces a template deleted and re-created at Meta under the same name and language", async () => {
    await upsertTemplatesFromMeta(tdb.db, A, [meta({ meta_template_id: "1" })], 10, newId);
    await upsertTemplatesFromMeta(tdb.db, A, [meta({ meta_template_id: "2", status: "APPROVED" })], 11, newId);
    const rows = await listTemplateRows(tdb.db, A, {}, { limit: 10 });
    expect(rows.map((r) => [r.meta_template_id, r.status])).toEqual([["2", "APPROVED"]]);
  });

  it("removes what Meta no longer lists, but not rows written after the listing began", async () => {
    await insertTemplate(tdb.db, A, row({ id: "old_gone", name: "gone", meta_template_id: "10" }, 100));
    await insertTemplate(tdb.db, A, row({ id: "old_kept", name: "kept", meta_template_id: "11" }, 100));
    await insertTemplate(tdb.db, A, row({ id: "new_one", name: "fresh", meta_template_id: "12" }, 300));
    await insertTemplate(tdb.db, A, row({ id: "other_name", name: "other", meta_template_id: "13" }, 100));
    await insertTemplate(tdb.db, B, row({ id: "b_row", name: "gone", meta_template_id: "14" }, 100));
    expect(await removeTemplatesNotSeen(tdb.db, A, new Set(["11"]), 200, "gone")).toBe(1);
    expect(await removeTemplatesNotSeen(tdb.db, A, new Set(["11"]), 200)).toBe(1);
    const left = (await listTemplateRows(tdb.db, A, {}, { limit: 10 })).map((r) => r.id).sort();
    expect(left).toEqual(["new_one", "old_kept"]);
    expect(await findTemplate(tdb.db, B, "b_row")).not.toBeNull();
  });

  it("tracks each workspace's WABA and last sync", async () => {
    await upsertTemplateAccount(tdb.db, A, "waba1", 1);
    await upsertTemplateAccount(tdb.db, B, "waba2", 1);
    await upsertTemplateAccount(tdb.db, B, "waba3", 2);
    expect(await listTemplateAccounts(tdb.db)).toEqual([
      { workspaceId: A, wabaId: "waba1" },
      { workspaceId: B, wabaId: "waba3" },
    ]);
    await recordSyncOutcome(tdb.db, A, { ok: false, error: "Meta said no" }, 5);
    await recordSyncOutcome(tdb.db, B, { ok: true }, 6);
    const rows = await tdb.db
      .selectFrom("template_accounts" as never)
      .selectAll()
      .orderBy("workspace_id" as never)
      .execute();
    expect(
      rows.map((r) => [
        Number((r as { last_synced_at: unknown }).last_synced_at ?? 0),
        (r as { last_sync_error: unknown }).last_sync_error,
      ]),
    ).toEqual([
      [0, "Meta said no"],
      [6, null],
    ]);
  });
});
