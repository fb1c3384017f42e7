import { ChannelError, channelFailure as metaFailure } from "../../channels/index.js";
import { AppError } from "../../platform/errors/index.js";

/**
 * The refusals of the add / verify / migrate / register flows (the adapter names them: Meta's
 * codes are read in `src/channels/meta/meta-errors.ts`), each turned into Wharf's code with what to
 * do next. Anything else is the shared channel mapping's.
 */
export function flowFailure(err: unknown, step: string, doing: string): AppError {
  if (!(err instanceof ChannelError)) return metaFailure(err, doing);
  const details = {
    step,
    metaCode: err.provider.code ?? null,
    metaSubcode: err.provider.subcode ?? null,
    fbtraceId: err.provider.traceId ?? null,
  };
  const said = err.said;
  const fail = (code: ConstructorParameters<typeof AppError>[0], message: string, retryAfterSeconds?: number) =>
    new AppError(code, message, { details, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
  switch (err.reason) {
    case "verification_code_invalid":
      return fail(
        "VERIFICATION_CODE_INVALID",
        `Meta did not accept the code (${said}). Enter the 6 digits of the last SMS or call exactly, or request a new code.`,
      );
    case "verification_too_many_attempts":
      return fail(
        "VERIFICATION_TOO_MANY_ATTEMPTS",
        `Too many code requests or attempts for this number (${said}). Wait a few hours before requesting a new code; codes already sent stay valid meanwhile.`,
        3600,
      );
    case "two_step_pin_mismatch":
      return fail(
        "TWO_STEP_PIN_MISMATCH",
        `Meta holds another two-step PIN for this number (${said}). Turn two-step verification off where the number was used before (WhatsApp Manager → Phone numbers → Settings → Two-step verification, or ask the old provider), then resume.`,
      );
    case "two_step_pin_attempts_exceeded":
      return fail(
        "TWO_STEP_PIN_MISMATCH",
        `Too many two-step PIN attempts (${said}). Wait for the time Meta gives, then resume.`,
        3600,
      );
    case "number_not_verified":
      return fail(
        "WORKFLOW_STEP_INVALID",
        `Meta says the number must be verified first (${said}). Request a code and enter it, then register.`,
      );
    case "registration_limit_reached":
      return fail(
        "REGISTRATION_LIMIT_REACHED",
        `Meta blocked registration of this number for 72 hours after too many register/deregister calls (${said}). Resume after 72 hours.`,
        72 * 3600,
      );
    default:
      break;
  }
  if (err.reason === "number_exists")
    return fail(
      "PHONE_NUMBER_EXISTS",
      `The number already belongs to a WhatsApp Business Account (${said}). To bring it from another provider, start a migration; if it was deleted there, wait until the deletion is complete.`,
    );
  if (err.reason === "two_step_still_enabled")
    return fail(
      "TWO_STEP_STILL_ENABLED",
      `Meta cannot migrate the number while two-step verification is on at the old provider (${said}). Ask the old provider to disable it (or disable it in their WhatsApp Manager: Phone numbers → Settings → Two-step verification → Turn off), then resume the migration.`,
    );
  if (err.reason === "number_not_migratable")
    return fail(
      "NUMBER_NOT_MIGRATABLE",
      `Meta says this number is not being migrated (${said}). If it is not on another provider, add it as a new number instead.`,
    );
  if (err.reason === "display_name_rejected")
    return fail(
      "DISPLAY_NAME_REJECTED",
      `Meta rejected the display name (${said}). Use the business's real name as customers know it, without "WhatsApp", generic words alone or extra punctuation, then add the number again.`,
    );
  return metaFailure(err, doing);
}
