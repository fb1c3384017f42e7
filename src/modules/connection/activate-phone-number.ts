import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { claimMetaId, releaseMetaClaims } from "./connection.repo.js";
import { metaFailure } from "./meta-failure.js";
import {
  findPhoneNumberRow,
  setPhoneNumberActive,
  setPhoneNumberError,
  type PhoneNumberRow,
} from "./phone-numbers.repo.js";
import { graphForWorkspace, type WorkspaceGraphDeps } from "./workspace-graph.js";

/**
 * Registers the number with Meta's Cloud API using its two-step PIN (the existing PIN, or the new
 * one when two-step verification is not set yet) and makes it an active sending number.
 * A wrong PIN comes back as Meta's own error, shown as it is.
 */
export async function activatePhoneNumber(
  deps: WorkspaceGraphDeps,
  workspaceId: WorkspaceId,
  id: string,
  pin: string,
): Promise<PhoneNumberRow> {
  const row = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!row) throw notFound("The phone number");
  const g = await graphForWorkspace(deps, workspaceId);
  // One workspace per number, decided before Meta is asked to register it.
  const claimed = await deps.db
    .transaction()
    .execute((trx) => claimMetaId(trx, workspaceId, "phone_number", row.meta_phone_number_id, deps.clock.now()));
  if (!claimed)
    throw new AppError(
      "PHONE_NUMBER_IN_USE",
      `${row.display_phone_number} is an active number of another workspace of this Wharf; deactivate it there first.`,
    );
  try {
    await g.phoneNumbers.register(row.meta_phone_number_id, { pin });
  } catch (err) {
    if (row.active !== 1)
      await deps.db
        .transaction()
        .execute((trx) =>
          releaseMetaClaims(trx, workspaceId, { kind: "phone_number", metaId: row.meta_phone_number_id }),
        );
    const failure = metaFailure(err, `registering ${row.display_phone_number}`);
    await setPhoneNumberError(deps.db, workspaceId, row.id, failure.message, deps.clock.now());
    throw failure;
  }
  const now = deps.clock.now();
  await setPhoneNumberActive(deps.db, workspaceId, row.id, true, now, now);
  await deps.events.recordEvent(deps.db, workspaceId, {
    type: "phone_number.activated",
    at: now,
    data: { id: row.id },
  });
  return (await findPhoneNumberRow(deps.db, workspaceId, row.id))!;
}

/** Stops sending from the number. Meta's registration is left in place, so re-activating is cheap. */
export async function deactivatePhoneNumber(
  deps: Pick<WorkspaceGraphDeps, "db" | "clock" | "events">,
  workspaceId: WorkspaceId,
  id: string,
): Promise<PhoneNumberRow> {
  const row = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!row) throw notFound("The phone number");
  const now = deps.clock.now();
  await deps.events.transaction(deps.db, async (trx) => {
    await setPhoneNumberActive(trx, workspaceId, row.id, false, now);
    await releaseMetaClaims(trx, workspaceId, { kind: "phone_number", metaId: row.meta_phone_number_id });
    await deps.events.recordEvent(trx, workspaceId, {
      type: "phone_number.deactivated",
      at: now,
      data: { id: row.id },
    });
  });
  return (await findPhoneNumberRow(deps.db, workspaceId, row.id))!;
}

/** For the send path: the number is this workspace's and active, or a clear refusal. */
export async function getActivePhoneNumber(
  deps: Pick<WorkspaceGraphDeps, "db">,
  workspaceId: WorkspaceId,
  idOrMetaId: string,
): Promise<PhoneNumberRow> {
  const row = await findPhoneNumberRow(deps.db, workspaceId, idOrMetaId);
  if (!row) throw notFound("The phone number");
  if (row.active !== 1)
    throw new AppError(
      "PHONE_NUMBER_NOT_ACTIVE",
      `${row.display_phone_number} is not an active sending number; activate it in Settings → WhatsApp Connection.`,
    );
  return row;
}
