import fs from "node:fs";
import path from "node:path";

/**
 * The data folder holds the SQLite file and its WAL (every message, contact and wrapped key), and
 * in sandbox mode the master key and the demo credentials: only the server's user may read them.
 * Run at every start, so files an older version (or a restore) left world-readable are fixed too.
 */
export function secureDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) fs.chmodSync(path.join(dataDir, entry.name), 0o600);
  }
}

/**
 * Creates the SQLite file 0600 before SQLite opens it: SQLite gives the -wal and -shm files it
 * makes later the database file's own permissions, whatever the umask.
 */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
}
