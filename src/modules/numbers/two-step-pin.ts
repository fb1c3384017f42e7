import { randomInt } from "node:crypto";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findPhoneNumberRow, channelForWorkspace, type WorkspaceChannelDeps } from "../connection/index.js";
import { flowFailure } from "./flow-errors.js";

/** The vault purposes of a number's two-step PIN (record: our phone number id). */
const PIN = "two_step_pin";
const PENDING_PIN = "two_step_pin_pending";

/** Six random digits; never all one digit nor a run, which Meta's PIN guidance warns against. */
export function generatePin(random: (max: number) => number = (max) => randomInt(max)): string {
  for (;;) {
    const pin = String(random(1_000_000)).padStart(6, "0");
    if (/^(\d)\1{5}$/.test(pin) || "0123456789".includes(pin) || "9876543210".includes(pin)) continue;
    return pin;
  }
}

/**
 * The PIN to register with: the one stored for the number, or a new one stored before Meta sees it,
 * so a restart between the two registers with the same PIN.
 */
export async function pinForRegister(
  deps: Pick<WorkspaceChannelDeps, "db" | "vault">,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
): Promise<string> {
  const stored = await deps.vault.findSecret(workspaceId, PIN, phoneNumberId);
  if (stored) return stored;
  const pin = generatePin();
  await deps.db.transaction().execute((trx) => deps.vault.putSecret(trx, workspaceId, PIN, phoneNumberId, pin));
  return pin;
}

/**
 * Sets a new two-step PIN at Meta (`POST /{phone-number-id}` with `pin`) and keeps it encrypted.
 * The new PIN is stored as pending first, so a failure in between leaves the old one in place and
 * Wharf still knows what it tried; setting a PIN needs no old PIN, so a retry is always possible.
 */
export async function rotateTwoStepPin(
  deps: WorkspaceChannelDeps,
  workspaceId: WorkspaceId,
  id: string,
  given?: string,
): Promise<{ phoneNumberId: string; generated: boolean; setAt: number }> {
  const row = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!row) throw notFound("The phone number");
  if (row.lifecycle === "deleted")
    throw new AppError("PHONE_NUMBER_NOT_ACTIVE", `${row.display_phone_number} was deleted; add it again first.`);
  const pin = given ?? generatePin();
  const g = await channelForWorkspace(deps, workspaceId);
  await deps.db.transaction().execute((trx) => deps.vault.putSecret(trx, workspaceId, PENDING_PIN, row.id, pin));
  try {
    await g.numbers.setTwoStepPin(row.meta_phone_number_id, pin);
  } catch (err) {
    throw flowFailure(err, "set_pin", `setting the two-step PIN of ${row.display_phone_number}`);
  }
  await deps.db.transaction().execute(async (trx) => {
    await deps.vault.putSecret(trx, workspaceId, PIN, row.id, pin);
    await deps.vault.deleteSecret(trx, workspaceId, PENDING_PIN, row.id);
  });
  return { phoneNumberId: row.id, generated: given === undefined, setAt: deps.clock.now() };
}
