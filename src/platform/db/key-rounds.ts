/**
 * Splits a batch of upserts into rounds in which no key repeats, each key's rows kept in their
 * order: a multi-row `on conflict do update` may touch a row only once per statement, so a batch
 * that names the same row twice runs as one statement per round, with the outcome of applying
 * the rows one by one. Each round is sorted by key, so concurrent batches take their row locks in
 * one order (PostgreSQL) instead of deadlocking on each other's.
 */
export function keyRounds<T>(rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const rounds: Array<Array<{ key: string; row: T }>> = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(row);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (rounds[n] ??= []).push({ key, row });
  }
  return rounds.map((round) => round.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => e.row));
}
