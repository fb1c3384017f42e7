import { type GraphResult, type GraphTransport } from "../http/transport.js";
import { AccessTokenResponse, DebugTokenResponse } from "../wire/oauth.js";

/**
 * Token endpoints. Meta documents these as GETs with the app credentials in the query string,
 * so those URLs are never logged and the transport scrubs the secrets from any error.
 */

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

/** The `{app_id}|{app_secret}` literal Graph accepts as an app access token. */
export function appAccessToken(appId: string, appSecret: string): string {
  return `${appId}|${appSecret}`;
}

export function createOAuthApi(t: GraphTransport) {
  return {
    /**
     * Embedded Signup: trade the dialog's `code` for a business token. Codes are single-use and
     * short-lived (~30 s reported), so this is never retried. `redirectUri` must repeat the
     * dialog's exactly for redirect-flow codes (else code 100), and be omitted for JS SDK codes.
     */
    async exchangeCode(
      input: AppCredentials & { code: string; redirectUri?: string },
    ): Promise<GraphResult<AccessTokenResponse>> {
      return t.call({
        method: "GET",
        path: "oauth/access_token",
        query: {
          client_id: input.clientId,
          client_secret: input.clientSecret,
          code: input.code,
          redirect_uri: input.redirectUri,
        },
        retry: false,
        schema: AccessTokenResponse,
        secrets: [input.clientSecret, input.code],
      });
    },

    /** Short-lived user token to a ~60-day one (`grant_type=fb_exchange_token`). Idempotent. */
    async exchangeForLongLivedToken(
      input: AppCredentials & { shortLivedToken: string },
    ): Promise<GraphResult<AccessTokenResponse>> {
      return t.call({
        method: "GET",
        path: "oauth/access_token",
        query: {
          grant_type: "fb_exchange_token",
          client_id: input.clientId,
          client_secret: input.clientSecret,
          fb_exchange_token: input.shortLivedToken,
        },
        retry: true,
        schema: AccessTokenResponse,
        secrets: [input.clientSecret, input.shortLivedToken],
      });
    },

    /**
     * Inspect a token: validity, expiry, and `granular_scopes[].target_ids` (the WABAs a business
     * token covers). Meta requires `input_token` in the query; the inspecting (app) token goes in
     * the header.
     */
    async debugToken(appToken: string, inputToken: string): Promise<GraphResult<DebugTokenResponse>> {
      return t.call({
        method: "GET",
        path: "debug_token",
        token: appToken,
        query: { input_token: inputToken },
        retry: true,
        schema: DebugTokenResponse,
        secrets: [inputToken, appToken.split("|")[1]],
      });
    },
  };
}

export type OAuthApi = ReturnType<typeof createOAuthApi>;
