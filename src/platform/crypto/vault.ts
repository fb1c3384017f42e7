import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { AnyDb, Executor } from "../db/index.js";
import { typed } from "../db/index.js";
import type { Clock } from "../clock.js";
import type { Keyring, MasterKey } from "./keyring.js";
import type { WorkspaceId } from "../workspace-id.js";

export interface VaultTables {
  workspace_keys: {
    workspace_id: string;
    wrapped_key: string;
    master_key_id: string;
    created_at: number;
    updated_at: number;
  };
  secrets: { workspace_id: string; purpose: string; record_id: string; ciphertext: string; updated_at: number };
}

export class VaultError extends Error {
  constructor(
    readonly reason: "decrypt_failed" | "no_data_key" | "unknown_master_key" | "malformed",
    message: string,
  ) {
    super(message);
    this.name = "VaultError";
  }
}

const IV = 12;
const TAG = 16;
const VERSION = "v1";

/** AES-256-GCM; output is `v1.` + base64url(iv | tag | ciphertext). */
function encrypt(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(IV);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url")}`;
}

function decrypt(key: Buffer, sealed: string, aad: string): Buffer {
  const [version, body] = sealed.split(".");
  if (version !== VERSION || !body) throw new VaultError("malformed", "ciphertext is not in a known format");
  const raw = Buffer.from(body, "base64url");
  if (raw.length < IV + TAG) throw new VaultError("malformed", "ciphertext is truncated");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(raw.subarray(IV, IV + TAG));
    return Buffer.concat([decipher.update(raw.subarray(IV + TAG)), decipher.final()]);
  } catch {
    // GCM authentication failed: wrong key, or the ciphertext belongs to another workspace/purpose/record.
    throw new VaultError("decrypt_failed", "ciphertext does not authenticate for this workspace, purpose and record");
  }
}

// The associated data binds a ciphertext to where it belongs: moved anywhere else, it fails to decrypt.
const dataKeyAad = (ws: string) => `wharf/data-key/${VERSION}/${ws}`;
const secretAad = (ws: string, purpose: string, record: string) => `wharf/secret/${VERSION}/${ws}/${purpose}/${record}`;

export interface Vault {
  /** Creates the workspace's data key; call it in the transaction that creates the workspace. */
  createDataKey(trx: Executor, workspaceId: WorkspaceId): Promise<void>;
  seal(workspaceId: WorkspaceId, purpose: string, recordId: string, plaintext: string): Promise<string>;
  open(workspaceId: WorkspaceId, purpose: string, recordId: string, sealed: string): Promise<string>;
  putSecret(
    trx: Executor,
    workspaceId: WorkspaceId,
    purpose: string,
    recordId: string,
    plaintext: string,
  ): Promise<void>;
  findSecret(workspaceId: WorkspaceId, purpose: string, recordId: string): Promise<string | null>;
  deleteSecret(trx: Executor, workspaceId: WorkspaceId, purpose: string, recordId: string): Promise<void>;
  /** Re-wraps every data key not yet under the keyring's current master key; returns how many. */
  rewrapAll(): Promise<{ rewrapped: number; total: number }>;
}

export function createVault(deps: { db: AnyDb; keyring: Keyring; clock: Clock }): Vault {
  const db = typed<VaultTables>(deps.db);
  // Data keys never change (rotation only re-wraps them), so a cached one stays valid across a rotation.
  const cache = new Map<string, Buffer>();
  const CACHE_MAX = 10_000;

  function masterKeyFor(id: string): MasterKey {
    const found = deps.keyring.find(id) ?? (deps.keyring.reload() ? deps.keyring.find(id) : undefined);
    if (!found)
      throw new VaultError("unknown_master_key", "the data key is wrapped by a master key this process does not have");
    return found;
  }

  // Reads go through the caller's executor: inside a transaction, a query on the pool handle would
  // wait for the connection the transaction holds (SQLite has exactly one) and never return.
  async function dataKey(workspaceId: string, executor: Executor = deps.db): Promise<Buffer> {
    const hit = cache.get(workspaceId);
    if (hit) return hit;
    const row = await typed<VaultTables>(executor)
      .selectFrom("workspace_keys")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .executeTakeFirst();
    if (!row) throw new VaultError("no_data_key", "the workspace has no data key");
    const key = decrypt(masterKeyFor(row.master_key_id).key, row.wrapped_key, dataKeyAad(workspaceId));
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(workspaceId, key);
    return key;
  }

  return {
    async createDataKey(trx, workspaceId) {
      const master = deps.keyring.current;
      const now = deps.clock.now();
      await typed<VaultTables>(trx)
        .insertInto("workspace_keys")
        .values({
          workspace_id: workspaceId,
          wrapped_key: encrypt(master.key, randomBytes(32), dataKeyAad(workspaceId)),
          master_key_id: master.id,
          created_at: now,
          updated_at: now,
        })
        .execute();
    },
    async seal(workspaceId, purpose, recordId, plaintext) {
      return encrypt(
        await dataKey(workspaceId),
        Buffer.from(plaintext, "utf8"),
        secretAad(workspaceId, purpose, recordId),
      );
    },
    async open(workspaceId, purpose, recordId, sealed) {
      return decrypt(await dataKey(workspaceId), sealed, secretAad(workspaceId, purpose, recordId)).toString("utf8");
    },
    async putSecret(trx, workspaceId, purpose, recordId, plaintext) {
      const ciphertext = encrypt(
        await dataKey(workspaceId, trx),
        Buffer.from(plaintext, "utf8"),
        secretAad(workspaceId, purpose, recordId),
      );
      const now = deps.clock.now();
      await typed<VaultTables>(trx)
        .insertInto("secrets")
        .values({ workspace_id: workspaceId, purpose, record_id: recordId, ciphertext, updated_at: now })
        .onConflict((oc) =>
          oc.columns(["workspace_id", "purpose", "record_id"]).doUpdateSet({ ciphertext, updated_at: now }),
        )
        .execute();
    },
    async findSecret(workspaceId, purpose, recordId) {
      const row = await db
        .selectFrom("secrets")
        .select("ciphertext")
        .where("workspace_id", "=", workspaceId)
        .where("purpose", "=", purpose)
        .where("record_id", "=", recordId)
        .executeTakeFirst();
      return row ? this.open(workspaceId, purpose, recordId, row.ciphertext) : null;
    },
    async deleteSecret(trx, workspaceId, purpose, recordId) {
      await typed<VaultTables>(trx)
        .deleteFrom("secrets")
        .where("workspace_id", "=", workspaceId)
        .where("purpose", "=", purpose)
        .where("record_id", "=", recordId)
        .execute();
    },
    async rewrapAll() {
      const current = deps.keyring.current;
      const rows = await db
        .selectFrom("workspace_keys")
        .select(["workspace_id", "master_key_id", "wrapped_key"])
        .execute();
      let rewrapped = 0;
      for (const row of rows) {
        if (row.master_key_id === current.id) continue;
        const key = decrypt(masterKeyFor(row.master_key_id).key, row.wrapped_key, dataKeyAad(row.workspace_id));
        // Compare-and-swap on the old key id: readers never see a half-written row and two rotations
        // running at once cannot overwrite each other.
        const res = await db
          .updateTable("workspace_keys")
          .set({
            wrapped_key: encrypt(current.key, key, dataKeyAad(row.workspace_id)),
            master_key_id: current.id,
            updated_at: deps.clock.now(),
          })
          .where("workspace_id", "=", row.workspace_id)
          .where("master_key_id", "=", row.master_key_id)
          .executeTakeFirst();
        rewrapped += Number(res.numUpdatedRows);
      }
      return { rewrapped, total: rows.length };
    },
  };
}
