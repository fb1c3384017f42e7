import { z } from "zod";

/**
 * Building blocks shared by the wire schemas. Everything here mirrors Meta's JSON exactly
 * (snake_case, string ids); nothing is renamed on the way in or out.
 */

/**
 * An enum Meta documents but keeps growing (statuses, events, tiers). Parsing must not fail
 * when Meta adds a value, yet the known values should still autocomplete.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(
  _values: T,
): z.ZodType<T[number] | (string & {}), string> {
  return z.string();
}

/** Graph ids are decimal strings; Meta never sends them as numbers on these nodes. */
export const GraphId = z.string().min(1);

/** `{ "success": true }`, the answer to most mutations (register, subscribed_apps, delete...). */
export const GraphSuccessResponse = z.looseObject({ success: z.boolean() });
export type GraphSuccessResponse = z.infer<typeof GraphSuccessResponse>;

/** Cursor paging block of every Graph list edge. */
export const GraphPaging = z.looseObject({
  cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(),
  next: z.string().optional(),
  previous: z.string().optional(),
});
export type GraphPaging = z.infer<typeof GraphPaging>;

/** `{ data: [...], paging? }` list envelope. */
export function graphList<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), paging: GraphPaging.optional() });
}
export type GraphList<T> = { data: T[]; paging?: GraphPaging | undefined };

/** Query parameters accepted by list edges. */
export interface GraphListQuery {
  fields?: readonly string[];
  limit?: number;
  after?: string;
  before?: string;
}

/** Meta's media reference: exactly one of an uploaded media id or a public https link. */
export const MediaId = z.string().min(1);
export const MediaLink = z.url({ protocol: /^https?$/ });
