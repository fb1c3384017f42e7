/**
 * One `x-business-use-case-usage` value (Graph "Rate Limiting"): keyed by the business (here the
 * WABA), with the percentages of its budget used and, while throttled,
 * `estimated_time_to_regain_access` in minutes.
 */
export interface BucEntry {
  type: string;
  call_count: number;
  total_cputime: number;
  total_time: number;
  estimated_time_to_regain_access: number;
}

export function bucHeader(owner: string, entry: BucEntry): string {
  return JSON.stringify({ [owner]: [entry] });
}
