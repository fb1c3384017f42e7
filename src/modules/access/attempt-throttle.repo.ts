import { sql } from "kysely";
import type { AnyDb } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";

interface ThrottleTables {
  attempt_throttle: { key: string; window_start: number; attempts: number };
}

/**
 * Counts one attempt against `key` and returns the window it fell in. One statement: two servers
 * (or two requests) counting at once both land, with no read-then-write gap between them. A window
 * that has ended starts over at this attempt.
 */
// cross-tenant: the login throttle counts by email and address, before any workspace is known
export async function countAttempt(
  db: AnyDb,
  key: string,
  now: number,
  windowMs: number,
): Promise<{ attempts: number; windowStart: number }> {
  const expired = sql<boolean>`attempt_throttle.window_start <= ${now - windowMs}`;
  const row = await typed<ThrottleTables>(db)
    .insertInto("attempt_throttle")
    .values({ key, window_start: now, attempts: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        attempts: sql`case when ${expired} then 1 else attempt_throttle.attempts + 1 end`,
        window_start: sql`case when ${expired} then ${now} else attempt_throttle.window_start end`,
      }),
    )
    .returning(["attempts", "window_start"])
    .executeTakeFirstOrThrow();
  return { attempts: Number(row.attempts), windowStart: Number(row.window_start) };
}

/** Forgets the attempts counted against these keys (a success proves the account's owner is there). */
// cross-tenant: the login throttle counts by email and address, before any workspace is known
export async function resetAttempts(db: AnyDb, keys: string[]): Promise<void> {
  if (keys.length > 0)
    await typed<ThrottleTables>(db).deleteFrom("attempt_throttle").where("key", "in", keys).execute();
}

/** Takes back one attempt (a success from an address must not count toward that address's limit). */
// cross-tenant: the login throttle counts by email and address, before any workspace is known
export async function uncountAttempt(db: AnyDb, key: string): Promise<void> {
  await typed<ThrottleTables>(db)
    .updateTable("attempt_throttle")
    .set({ attempts: sql`case when attempts > 0 then attempts - 1 else 0 end` })
    .where("key", "=", key)
    .execute();
}

// cross-tenant: housekeeping of the login throttle over every key
export async function deleteEndedWindows(db: AnyDb, before: number): Promise<void> {
  await typed<ThrottleTables>(db).deleteFrom("attempt_throttle").where("window_start", "<", before).execute();
}
