import fs from "node:fs";
import type { DatabaseConnection, Driver, TransactionSettings } from "kysely";

/**
 * Durability of SQLite writes without the event loop waiting out an fsync. The connection runs
 * `synchronous=NORMAL`: a commit writes its WAL frames to the file (the operating system's
 * cache) and returns. Whatever awaited a write resolves only once an `fdatasync` of the WAL file,
 * run on libuv's thread pool, has put those frames on disk: the same guarantee as `FULL` (a 200
 * or a 202 is on disk before it is sent), but the JavaScript thread meanwhile parses requests and
 * runs other transactions, and one fsync covers every commit made before it started.
 *
 * Safe with `NORMAL` because WAL frames carry checksums (a frame torn by a power cut ends the log,
 * never corrupts it) and a checkpoint syncs the WAL before copying it and the database after.
 */
export class WalSync {
  /** Statements this process ran that may have changed the database. */
  private written = 0;
  /** Up to which `written` count the WAL is known to be on disk. */
  private synced = 0;
  private inflight: Promise<void> | null = null;
  private fd: number | null = null;

  /** `walFile` null: not in WAL mode, where each commit syncs by itself and nothing is waited on. */
  constructor(private readonly walFile: string | null) {}

  /** A statement that may change the database ran. */
  wrote(): void {
    this.written++;
  }

  /** The count of writes so far: `durable(mark)` waits for those. */
  get mark(): number {
    return this.written;
  }

  /** Resolves once every write made up to `mark` is on disk; rejects if the fsync failed. */
  async durable(mark: number = this.written): Promise<void> {
    if (this.walFile === null) return;
    while (this.synced < mark) {
      if (this.inflight) {
        // It may have started before our write: wait for it, then look again.
        await this.inflight.catch(() => undefined);
        continue;
      }
      const covers = this.written;
      this.inflight = this.fdatasync().then(
        () => {
          this.synced = Math.max(this.synced, covers);
          this.inflight = null;
        },
        (error: unknown) => {
          this.inflight = null;
          throw error;
        },
      );
      await this.inflight;
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private fdatasync(): Promise<void> {
    // The WAL exists from the first commit in WAL mode on; the connection keeps it until it closes.
    this.fd ??= fs.openSync(this.walFile!, "r");
    const fd = this.fd;
    return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
  }
}

/**
 * Kysely's SQLite driver, whose connection is released (so the next transaction may run) before
 * the writes made while it was held are waited on to be durable. Kysely awaits the release before
 * a statement's or a transaction's promise resolves, so every caller sees its writes on disk.
 */
export function durableDriver(driver: Driver, wal: WalSync): Driver {
  // SQLite has one connection and Kysely's driver a mutex over it: one holder at a time.
  let heldFrom = 0;
  return {
    init: () => driver.init(),
    async acquireConnection(): Promise<DatabaseConnection> {
      const connection = await driver.acquireConnection();
      heldFrom = wal.mark;
      return connection;
    },
    beginTransaction: (c: DatabaseConnection, s: TransactionSettings) => driver.beginTransaction(c, s),
    commitTransaction: (c: DatabaseConnection) => driver.commitTransaction(c),
    rollbackTransaction: (c: DatabaseConnection) => driver.rollbackTransaction(c),
    ...(driver.savepoint && { savepoint: driver.savepoint.bind(driver) }),
    ...(driver.rollbackToSavepoint && { rollbackToSavepoint: driver.rollbackToSavepoint.bind(driver) }),
    ...(driver.releaseSavepoint && { releaseSavepoint: driver.releaseSavepoint.bind(driver) }),
    async releaseConnection(connection: DatabaseConnection): Promise<void> {
      const mark = wal.mark;
      const wrote = mark !== heldFrom;
      await driver.releaseConnection(connection);
      if (wrote) await wal.durable(mark);
    },
    destroy: () => driver.destroy(),
  };
}
