import { z } from "zod";
import { defineJob } from "../../platform/jobs/index.js";
import { listConnectedWorkspaces } from "./connection.repo.js";
import { syncPhoneNumbers } from "./sync-phone-numbers.js";
import type { WorkspaceChannelDeps } from "./workspace-channel.js";

/** Hourly: quality rating, messaging limit and status of every number change on Meta's side. */
export function syncNumbersJob(deps: WorkspaceChannelDeps, everyMs = 3_600_000) {
  return defineJob({
    name: "connection.sync-phone-numbers",
    payload: z.object({}),
    everyMs,
    async handler() {
      for (const workspaceId of await listConnectedWorkspaces(deps.db)) {
        await syncPhoneNumbers(deps, workspaceId).catch(() => undefined);
      }
    },
  });
}
