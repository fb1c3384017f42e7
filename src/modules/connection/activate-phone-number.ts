import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { claimMetaId, releaseMetaClaims } from "./connection.repo.js";
import { channelFailure as metaFailure } from "../../channels/index.js";
import {
  findPhoneNumberRow,
  findSendingNumber,
  setPhoneNumberActive,
  setPhoneNumberError,
  updatePhoneNumberHealth,
  type PhoneNumberRow,
} from "./phone-numbers.repo.js";
import { channelForWorkspace, type WorkspaceChannelDeps } from "./workspace-channel.js";
import { spendRegistrationCall } from "./registration-limit.js";
import { healthFromMeta } from "./health-fields.js";

/**
 * Registers the number with Meta's Cloud API using its two-step PIN (the existing PIN, or the new
 * one when two-step verification is not set yet) and makes it an active sending number.
 * A wrong PIN comes back as Meta's own error, shown as it is.
 */
export async function activatePhoneNumber(
  deps: WorkspaceChannelDeps,
  workspaceId: WorkspaceId,
  id: string,
  pin: string,
  /** How Meta's refusal is told (the numbers workflows give register's own codes and guidance). */
  failureOf: (err: unknown, doing: string) => AppError = metaFailure,
): Promise<PhoneNumberRow> {
  const row = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!row) throw notFound("The phone number");
  if (row.lifecycle === "deleted")
    throw new AppError("PHONE_NUMBER_NOT_ACTIVE", `${row.display_phone_number} was deleted; add it again first.`);
  const g = await channelForWorkspace(deps, workspaceId);
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
    await spendRegistrationCall(deps, workspaceId, row);
    await g.numbers.register(row.meta_phone_number_id, { pin });
  } catch (err) {
    if (row.active !== 1)
      await deps.db
        .transaction()
        .execute((trx) =>
          releaseMetaClaims(trx, workspaceId, { kind: "phone_number", metaId: row.meta_phone_number_id }),
        );
    const failure = failureOf(err, `registering ${row.display_phone_number}`);
    await setPhoneNumberError(deps.db, workspaceId, row.id, failure.message, deps.clock.now());
    throw failure;
  }
  const now = deps.clock.now();
  await setPhoneNumberActive(deps.db, workspaceId, row.id, true, now, now);
  await refreshAfterRegister(deps, g, row, now);
  await deps.events.recordEvent(deps.db, workspaceId, {
    type: "phone_number.activated",
    at: now,
    data: { id: row.id },
  });
  return (await findPhoneNumberRow(deps.db, workspaceId, row.id))!;
}

/**
 * Registering moves the number to Meta's `CONNECTED` status (Cloud API "Registration": "registers a
 * business phone number with the Cloud API"; the phone number node then reads `status: CONNECTED`),
 * so its node is read again right away instead of waiting for the next sync. If that read fails the
 * register call itself is the proof: the status is set to `CONNECTED` and the scheduled sync corrects
 * anything else.
 */
async function refreshAfterRegister(
  deps: WorkspaceChannelDeps,
  g: Awaited<ReturnType<typeof channelForWorkspace>>,
  row: PhoneNumberRow,
  now: number,
): Promise<void> {
  const node = await g.numbers.get(row.meta_phone_number_id).catch(() => null);
  await updatePhoneNumberHealth(
    deps.db,
    row.meta_phone_number_id,
    node
      ? {
          status: node.status ?? "CONNECTED",
          quality_rating: node.quality_rating ?? row.quality_rating,
          ...(node.health_status ? healthFromMeta(node) : { can_send: null, health_reasons: null }),
        }
      : // Registered: whatever blocked it before (not registered) no longer holds; the next read tells.
        { status: "CONNECTED", can_send: null, health_reasons: null },
    now,
  );
}

/** Stops sending from the number. Meta's registration is left in place, so re-activating is cheap. */
export async function deactivatePhoneNumber(
  deps: Pick<WorkspaceChannelDeps, "db" | "clock" | "events">,
  workspaceId: WorkspaceId,
  id: string,
): Promise<PhoneNumberRow> {
  const row = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!row) throw notFound("The phone number");
  await giveUpNumber(deps, workspaceId, row, "phone_number.deactivated", deps.clock.now());
  return (await findPhoneNumberRow(deps.db, workspaceId, row.id))!;
}

/** The number stops sending and its Meta id is free for another workspace; the event says why. */
async function giveUpNumber(
  deps: Pick<WorkspaceChannelDeps, "db" | "events">,
  workspaceId: WorkspaceId,
  row: PhoneNumberRow,
  type: "phone_number.deactivated" | "phone_number.deregistered",
  now: number,
): Promise<void> {
  await deps.events.transaction(deps.db, async (trx) => {
    await setPhoneNumberActive(trx, workspaceId, row.id, false, now);
    await releaseMetaClaims(trx, workspaceId, { kind: "phone_number", metaId: row.meta_phone_number_id });
    await deps.events.recordEvent(trx, workspaceId, { type, at: now, data: { id: row.id } });
  });
}

/** For the send path: the number is this workspace's and active, or a clear refusal. */
export async function getActivePhoneNumber(
  deps: Pick<WorkspaceChannelDeps, "db">,
  workspaceId: WorkspaceId,
  idOrMetaId: string,
): Promise<PhoneNumberRow> {
  return activeOrRefused(await findPhoneNumberRow(deps.db, workspaceId, idOrMetaId));
}

/**
 * `getActivePhoneNumber` and the status of the workspace's Meta connection (null: never
 * connected), read together: a single send needs both, and one read costs less than two.
 */
export async function getActivePhoneNumberAndConnection(
  deps: Pick<WorkspaceChannelDeps, "db">,
  workspaceId: WorkspaceId,
  idOrMetaId: string,
): Promise<{ phone: PhoneNumberRow; connectionStatus: string | null }> {
  const found = await findSendingNumber(deps.db, workspaceId, idOrMetaId);
  return { phone: activeOrRefused(found?.phone ?? null), connectionStatus: found?.connectionStatus ?? null };
}

function activeOrRefused(row: PhoneNumberRow | null): PhoneNumberRow {
  if (!row) throw notFound("The phone number");
  if (row.active !== 1)
    throw new AppError(
      "PHONE_NUMBER_NOT_ACTIVE",
      `${row.display_phone_number} is not an active sending number; activate it in Settings → WhatsApp Connection.`,
    );
  return row;
}

/**
 * Takes the number off Meta's Cloud API (`POST /{phone-number-id}/deregister`): it stops sending and
 * receiving there, and this workspace gives it up. Counted against Meta's 10 register/deregister
 * calls per 72 hours, refused locally past them.
 */
export async function deregisterPhoneNumber(
  deps: WorkspaceChannelDeps,
  workspaceId: WorkspaceId,
  id: string,
): Promise<PhoneNumberRow> {
  const row = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!row) throw notFound("The phone number");
  const g = await channelForWorkspace(deps, workspaceId);
  await spendRegistrationCall(deps, workspaceId, row);
  try {
    await g.numbers.deregister(row.meta_phone_number_id);
  } catch (err) {
    throw metaFailure(err, `deregistering ${row.display_phone_number}`);
  }
  const now = deps.clock.now();
  await giveUpNumber(deps, workspaceId, row, "phone_number.deregistered", now);
  await updatePhoneNumberHealth(deps.db, row.meta_phone_number_id, { status: "DISCONNECTED" }, now);
  return (await findPhoneNumberRow(deps.db, workspaceId, row.id))!;
}
