import { sql, type CreateTableBuilder } from "kysely";

/**
 * Column vocabulary shared by every migration, so both dialects store the same things the same way:
 * ids are prefixed text, times are epoch milliseconds in bigint, JSON is text, flags are 0/1 integers.
 */
export const t = {
  id: sql`varchar(64)`,
  text: sql`text`,
  millis: sql`bigint`,
  int: sql`integer`,
  flag: sql`integer`,
  json: sql`text`,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table builder, whatever columns it has so far
export function withTimestamps<TB extends string>(table: CreateTableBuilder<TB, any>) {
  return table
    .addColumn("created_at", t.millis, (c) => c.notNull())
    .addColumn("updated_at", t.millis, (c) => c.notNull());
}
