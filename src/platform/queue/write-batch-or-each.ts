import type { LoopObserver } from "./loop-errors.js";
import { reportLoopError } from "./loop-errors.js";

export type ItemResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Writes `items` in one transaction (a commit is an fsync on SQLite, a round trip on PostgreSQL,
 * so a batch pays it once); if that fails, writes them again one per transaction, so a bad item
 * fails alone and takes nothing else with it. Each item is answered with its own result; an item
 * that failed on its own is logged (with `describe(item)`, say its id and attempt) and counted under
 * `name`, once: callers act on the failed results (retry, give up) without logging them again.
 *
 * `write` runs the items in one transaction of its own and returns one value per item.
 */
export async function writeBatchOrEach<T, R>(
  name: string,
  observer: LoopObserver,
  items: T[],
  write: (items: T[]) => Promise<R[]>,
  describe?: (item: T) => object,
): Promise<ItemResult<R>[]> {
  if (items.length === 0) return [];
  try {
    return (await write(items)).map((value) => ({ ok: true as const, value }));
  } catch (err) {
    if (items.length === 1) {
      reportLoopError(observer, name, err, describe?.(items[0]!));
      return [{ ok: false, error: err }];
    }
  }
  const results: ItemResult<R>[] = [];
  for (const item of items) {
    try {
      results.push({ ok: true, value: (await write([item]))[0]! });
    } catch (error) {
      reportLoopError(observer, name, error, describe?.(item));
      results.push({ ok: false, error });
    }
  }
  return results;
}
