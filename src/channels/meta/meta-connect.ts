import { appAccessToken, type GraphClient } from "../../graph/index.js";
import type { AccessTokenResponse, DebugTokenData } from "../../graph/wire/oauth.js";
import type { ChannelCapability } from "../capabilities.js";
import type { ChannelCatalog, ChannelSession, ChannelSessionHooks } from "../port.js";
import { metaChannelError } from "./meta-errors.js";
import { metaCatalog, metaSession } from "./meta-session.js";

export type { AccessTokenResponse, DebugTokenData };

/**
 * Meta's side of connecting (capability `oauth_signup`): the code exchange of the login dialog or
 * Embedded Signup, token inspection with the app token, and calls made with a token that is not
 * stored yet. The app secret stays here; every failure leaves as a `ChannelError`.
 */
export interface MetaConnect {
  readonly appId: string;
  exchangeCode(input: { code: string; redirectUri?: string }): Promise<AccessTokenResponse>;
  /** Short-lived user token to a ~60-day one (`grant_type=fb_exchange_token`). */
  exchangeForLongLivedToken(shortLivedToken: string): Promise<AccessTokenResponse>;
  /** Validity, expiry and granted scopes of a token, read with the app's own token. */
  debugToken(token: string): Promise<DebugTokenData>;
  /** The port's verbs with a token not stored yet (a 190 here marks nothing: nothing is connected yet). */
  session(token: string, wabaId: string): ChannelSession;
  catalog(token: string, catalogId: string): ChannelCatalog;
}

const NO_HOOKS: ChannelSessionHooks = { onAuthLapsed: async () => {} };

export function metaConnect(
  graph: GraphClient,
  app: { appId: string; appSecret: string },
  capabilities: ReadonlySet<ChannelCapability>,
): MetaConnect {
  const mapped = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (err) {
      throw metaChannelError(err);
    }
  };
  const credentials = { clientId: app.appId, clientSecret: app.appSecret };
  return {
    appId: app.appId,
    exchangeCode: async (input) =>
      (
        await mapped(
          graph.oauth.exchangeCode({
            ...credentials,
            code: input.code,
            ...(input.redirectUri !== undefined ? { redirectUri: input.redirectUri } : {}),
          }),
        )
      ).data,
    exchangeForLongLivedToken: async (shortLivedToken) =>
      (await mapped(graph.oauth.exchangeForLongLivedToken({ ...credentials, shortLivedToken }))).data,
    debugToken: async (token) =>
      (await mapped(graph.oauth.debugToken(appAccessToken(app.appId, app.appSecret), token))).data.data,
    session: (token, wabaId) => metaSession(graph, app, capabilities, { secret: token, accountId: wabaId }, NO_HOOKS),
    catalog: (token, catalogId) => metaCatalog(graph, { secret: token, catalogId }, NO_HOOKS),
  };
}
