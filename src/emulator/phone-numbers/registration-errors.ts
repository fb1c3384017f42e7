import { cloudApiError } from "../core/graph-error.js";

export const registrationErrors = {
  pinMismatch: () =>
    cloudApiError(
      400,
      133005,
      "Two step verification PIN Mismatch",
      "Two step verification PIN incorrect. Use the PIN set for this number or reset it in WhatsApp Manager.",
    ),
  tooManyRegistrations: () =>
    cloudApiError(
      400,
      133016,
      "Account register deregister rate limit exceeded",
      "Registration or deregistration failed because there were too many attempts for this phone number in a short period of time (10 per 72 hours).",
    ),
  notRegistered: () =>
    cloudApiError(
      400,
      133010,
      "Account not registered",
      "The phone number is not registered on the WhatsApp Business Platform. Register it with POST /{phone_number_id}/register.",
    ),
  needsVerification: () =>
    cloudApiError(
      400,
      133006,
      "Phone number needs re-verification",
      "Verify the number with request_code and verify_code before registering it.",
    ),
  codeMismatch: () =>
    cloudApiError(
      400,
      136025,
      "Verification code error",
      "The verification code does not match the last code requested for this number.",
    ),
  noCodeRequested: () =>
    cloudApiError(
      400,
      136025,
      "Verification code error",
      "Request a code with POST /{phone_number_id}/request_code first.",
    ),
  tooManyCodeAttempts: () =>
    cloudApiError(
      400,
      136024,
      "Verification code request rate limit",
      "Too many verification code requests or attempts for this phone number. Wait before requesting a new code.",
    ),
  twoStepEnabled: () =>
    cloudApiError(
      400,
      100,
      "Invalid parameter",
      "This phone number cannot be migrated: two-step verification is enabled on it. Disable two-step verification in the current WhatsApp Business Account and try again.",
      { error_subcode: 2388103 },
    ),
  notBeingMigrated: () =>
    cloudApiError(
      400,
      100,
      "Invalid parameter",
      "This phone number is not registered with another WhatsApp Business Account, so it cannot be migrated; add it without migrate_phone_number.",
      { error_subcode: 2388091 },
    ),
  displayNameRejected: () =>
    cloudApiError(
      400,
      100,
      "Invalid parameter",
      "Param verified_name is not an acceptable display name: it does not follow the WhatsApp display name guidelines.",
    ),
  blocked: () =>
    cloudApiError(
      403,
      131031,
      "Business Account locked",
      "The phone number cannot send messages: its health status is BLOCKED. Check health_status for the reasons.",
    ),
  alreadyInWaba: () =>
    cloudApiError(400, 100, "Invalid parameter", "This phone number already exists in a WhatsApp Business Account.", {
      error_subcode: 2388012,
    }),
};
