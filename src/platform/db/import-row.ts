/**
 * A file import's record (CSV or NDJSON, run by a job), as the modules that import keep it in
 * their own tables: its status, what its rows came to, and the first errors by line.
 */
export interface ImportRowBase {
  id: string;
  workspace_id: string;
  format: "csv" | "ndjson";
  status: "running" | "completed" | "failed";
  rows: number;
  created: number;
  updated: number;
  failed: number;
  /** JSON: the first errors, [{line, message}]. */
  errors: string;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}
