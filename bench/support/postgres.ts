/** The PostgreSQL the benches measure on: BENCH_DATABASE_URL, each run in a fresh schema of it. */
import pg from "pg";

export const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** One statement on its own connection (create or drop a run's schema). */
export async function pgAdmin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
