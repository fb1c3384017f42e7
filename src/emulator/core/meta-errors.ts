import { GraphError } from "./graph-error.js";

/**
 * Graph-level errors shared by every route: tokens (104 none, 190 bad), unknown objects (100/33, 803),
 * unknown paths (2500), bad parameters (100) and permissions (10, 200). Texts follow what
 * graph.facebook.com answers, since some clients log or match them.
 */
export const graphErrors = {
  // No token at all is 104 with HTTP 400 at graph.facebook.com (platform-facts; Graph answers to
  // token-less calls quoted in public client issues, e.g. facebook-node-sdk#105); a bad token is 190/401.
  tokenMissing: () =>
    new GraphError(400, {
      message: "An access token is required to request this resource.",
      type: "OAuthException",
      code: 104,
    }),
  tokenUnparsable: () =>
    new GraphError(401, {
      message: "Invalid OAuth access token - Cannot parse access token",
      type: "OAuthException",
      code: 190,
    }),
  /** Subcode 460: the session was invalidated (revoked from the control API). */
  tokenRevoked: () =>
    new GraphError(401, {
      message:
        "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
      type: "OAuthException",
      code: 190,
      error_subcode: 460,
    }),
  /** Subcode 463: expired. */
  tokenExpired: (expiredAt: number, now: number) =>
    new GraphError(401, {
      message: `Error validating access token: Session has expired on ${new Date(expiredAt).toUTCString()}. The current time is ${new Date(now).toUTCString()}.`,
      type: "OAuthException",
      code: 190,
      error_subcode: 463,
    }),
  /** "Require App Secret" is on and a user-token call came without `appsecret_proof`. */
  appSecretProofMissing: () =>
    new GraphError(400, {
      message: "API calls from the server require an appsecret_proof argument",
      type: "GraphMethodException",
      code: 100,
    }),
  appSecretProofInvalid: () =>
    new GraphError(400, {
      message: "Invalid appsecret_proof provided in the API argument",
      type: "GraphMethodException",
      code: 100,
    }),
  unknownObject: (id: string, method: string) =>
    new GraphError(400, {
      message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      type: "GraphMethodException",
      code: 100,
      error_subcode: 33,
    }),
  /** Non-numeric ids are looked up as aliases (usernames) first. */
  unknownAlias: (alias: string) =>
    new GraphError(404, {
      message: `(#803) Some of the aliases you requested do not exist: ${alias}`,
      type: "OAuthException",
      code: 803,
    }),
  unknownPath: (path: string) =>
    new GraphError(400, { message: `Unknown path components: ${path}`, type: "OAuthException", code: 2500 }),
  nonexistingField: (field: string, nodeType: string) =>
    new GraphError(400, {
      message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
      type: "OAuthException",
      code: 100,
    }),
  requiredParameter: (name: string) =>
    new GraphError(400, { message: `(#100) The parameter ${name} is required`, type: "OAuthException", code: 100 }),
  invalidParameter: (details: string, extra: { subcode?: number; userTitle?: string; userMsg?: string } = {}) =>
    new GraphError(400, {
      message: "(#100) Invalid parameter",
      type: "OAuthException",
      code: 100,
      ...(extra.subcode !== undefined ? { error_subcode: extra.subcode } : {}),
      ...(extra.userTitle !== undefined ? { error_user_title: extra.userTitle } : {}),
      ...(extra.userMsg !== undefined ? { error_user_msg: extra.userMsg } : {}),
      error_data: { messaging_product: "whatsapp", details },
    }),
  /** Messaging without `whatsapp_business_messaging` on the number's WABA. */
  messagingPermission: () =>
    new GraphError(403, {
      message: "(#10) Application does not have permission for this action",
      type: "OAuthException",
      code: 10,
      error_data: {
        messaging_product: "whatsapp",
        details: "Missing whatsapp_business_messaging permission for this WhatsApp Business Account",
      },
    }),
  /** Management without `whatsapp_business_management` (or `catalog_management`) on the object. */
  managementPermission: (scope: string) =>
    new GraphError(403, {
      message: `(#200) Requires ${scope} permission to manage the object`,
      type: "OAuthException",
      code: 200,
    }),
};
