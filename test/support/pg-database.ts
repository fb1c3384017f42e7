import pg from "pg";
import { testDatabaseUrl } from "../../src/config/index.js";
import { randomToken } from "../../src/platform/crypto/index.js";

/**
 * A PostgreSQL database of its own (not a schema in the shared `test` database), for tests that
 * read database-wide statistics: `pg_stat_database.deadlocks` counts per database, so only a
 * database nobody else uses tells whether this test deadlocked.
 */
export interface DedicatedDatabase {
  name: string;
  url: string;
  /** Deadlocks PostgreSQL detected in this database so far (its cumulative statistics). */
  deadlocks(): Promise<number>;
  drop(): Promise<void>;
}

export async function createDedicatedDatabase(): Promise<DedicatedDatabase> {
  const base = testDatabaseUrl();
  if (!base) throw new Error("WHARF_TEST_DATABASE_URL is not set");
  const name = `wharf_t_${randomToken(6).toLowerCase()}`;
  await admin(base, `create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async deadlocks() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        const res = await client.query<{ deadlocks: string }>(
          "select deadlocks from pg_stat_database where datname = $1",
          [name],
        );
        return Number(res.rows[0]?.deadlocks ?? 0);
      } finally {
        await client.end();
      }
    },
    drop: () => admin(base, `drop database if exists "${name}" with (force)`),
  };
}

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A backend reports its deadlocks to the cumulative statistics when it goes idle (at most once a
 * second) or exits; after closing the pools that ran the work, wait until the count stops moving.
 */
export async function settledDeadlocks(db: DedicatedDatabase, quietMs = 1_500): Promise<number> {
  let last = await db.deadlocks();
  for (;;) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = await db.deadlocks();
    if (now === last) return now;
    last = now;
  }
}

/** One statement on a database of its own connection (a test reading what the processes under test wrote). */
export async function queryPg<R extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}
