import { GraphError } from "../core/graph-error.js";

/**
 * Errors of the login dialog and of `GET /oauth/access_token`. The dialog shows them as a page;
 * the token endpoint returns them in the usual envelope with HTTP 400.
 */
const oauth = (code: number, message: string, subcode?: number) =>
  new GraphError(400, {
    message,
    type: "OAuthException",
    code,
    ...(subcode !== undefined ? { error_subcode: subcode } : {}),
  });

export const oauthErrors = {
  invalidAppId: () => oauth(101, "Error validating application. Invalid application ID."),
  /** Code 191: the redirect URI is not listed in the app's Valid OAuth Redirect URIs. */
  redirectNotAllowed: () =>
    oauth(
      191,
      "URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.",
    ),
  unsupportedResponseType: () =>
    oauth(100, "Invalid response_type: only response_type=code is supported for this app."),
  invalidSecret: () => oauth(1, "Error validating client secret."),
  codeMalformed: () => oauth(100, "Invalid verification code format."),
  /** Subcode 36007: the code outlived its lifetime. */
  codeExpired: () => oauth(100, "This authorization code has expired.", 36007),
  /** Subcode 36008: the exchange must repeat the dialog's exact redirect_uri. */
  redirectMismatch: () =>
    oauth(
      100,
      "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
      36008,
    ),
  /** Subcode 36009: codes are single-use. */
  codeUsed: () => oauth(100, "This authorization code has been used.", 36009),
  unsupportedGrant: (grant: string) => oauth(100, `Unsupported grant_type: ${grant}`),
};
