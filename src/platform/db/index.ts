export { openDatabase, ping, type AnyDb, type Database, type DatabaseOptions, type DialectName } from "./database.js";
export { migrate, pendingMigrations, type WharfMigration, type MigrationReport } from "./migrations.js";
export { typed, toFlag, fromFlag, isPostgres, containsPattern, type Executor } from "./typed.js";
export { t, withTimestamps } from "./columns.js";
export { groupCommitter, type GroupCommitter, type GroupCommitOptions } from "./group-commit.js";
export { hotInsert, hotQuery } from "./hot-query.js";
export { secureDataDir } from "./data-dir.js";
export { createSignals, type Signals, type SignalsOptions } from "./signals.js";
export { isUniqueViolation, retryOnUniqueViolation } from "./unique-retry.js";
