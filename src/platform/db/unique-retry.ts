/**
 * Whether a statement lost a race on a unique key: PostgreSQL's 23505, SQLite's constraint codes.
 * Two writers creating the same row at once (the first two events of one new customer, two PUTs of
 * one new product) both insert; the loser's transaction is aborted on PostgreSQL, so the caller runs
 * the whole transaction again and then finds the winner's row.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export async function retryOnUniqueViolation<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}
