import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { EmulatorContext } from "../core/context.js";
import { GraphError } from "../core/graph-error.js";
import { authorizationCode, numericId } from "../core/ids.js";
import { parseControl } from "../control/control-schemas.js";
import { allParams, stringParam } from "../http/params.js";
import { baseUrl } from "../http/urls.js";
import { renderDialogError } from "./dialog-page.js";
import { renderEmbeddedSignupPage } from "./embedded-signup-page.js";
import { POPUP_SCRIPT, SDK_SCRIPT } from "./embedded-signup-scripts.js";
import { oauthErrors } from "./oauth-errors.js";
import { DEFAULT_PERMISSIONS, grantFor } from "./permissions.js";

const FinishBody = z.object({
  client_id: z.string(),
  config_id: z.string(),
  waba_ids: z.array(z.string()).max(100).default([]),
  only_waba: z.boolean().default(false),
});

const SessionBody = z.object({ sessionEvents: z.boolean() });

/** Embedded Signup works only with a Login for Business configuration and response_type=code. */
function checkPopup(ctx: EmulatorContext, clientId: string, configId: string, responseType?: string): void {
  if (clientId !== ctx.state.app.id) throw oauthErrors.invalidAppId();
  if (!configId)
    throw new GraphError(400, { message: "Missing config_id for Embedded Signup.", type: "OAuthException", code: 100 });
  if (responseType !== undefined && responseType !== "code") throw oauthErrors.unsupportedResponseType();
}

function pageError(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof GraphError)) throw error;
  return reply
    .code(error.httpStatus)
    .type("text/html; charset=utf-8")
    .send(renderDialogError(error.fields.code, error.message));
}

/**
 * Embedded Signup's stand-ins: Meta's JavaScript SDK (`/sdk.js`), the popup it opens
 * (`/{version}/dialog/embedded_signup`: the user's WABAs and numbers, Finish, Finish without a
 * number, Cancel at a step, Report an error) and the popup's finish call, which issues a code the
 * way Meta's SDK does: without a redirect URI, for the WABAs ticked. `POST
 * /_emulator/embedded-signup {sessionEvents}` turns the `WA_EMBEDDED_SIGNUP` messages off (a page
 * Meta would not tell), so the dashboard has only the code.
 */
export function registerEmbeddedSignupRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get("/sdk.js", async (_request, reply) => reply.type("text/javascript; charset=utf-8").send(SDK_SCRIPT));
  app.get("/:version/dialog/embedded_signup.js", async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").send(POPUP_SCRIPT),
  );

  app.get("/:version/dialog/embedded_signup", async (request: FastifyRequest, reply) => {
    const p = allParams(request);
    const clientId = stringParam(p, "client_id") ?? "";
    const configId = stringParam(p, "config_id") ?? "";
    try {
      checkPopup(ctx, clientId, configId, stringParam(p, "response_type") ?? "");
    } catch (error) {
      return pageError(reply, error);
    }
    const { state } = ctx;
    const user = [...state.users.values()][0]!;
    const businesses = [...state.businesses.values()].filter((b) => b.ownerUserId === user.id);
    const wabas = [...state.wabas.values()]
      .filter((w) => businesses.some((b) => b.id === w.businessId))
      .map((w) => ({
        id: w.id,
        name: w.name,
        numbers: state.phoneNumbersOf(w.id).map((n) => n.displayPhoneNumber),
      }));
    const { version } = request.params as { version: string };
    const base = baseUrl(ctx, request);
    return reply.type("text/html; charset=utf-8").send(
      renderEmbeddedSignupPage({
        appName: state.app.name,
        userName: user.name,
        wabas,
        clientId,
        configId,
        finishUrl: `${base}/${version}/dialog/embedded_signup/finish`,
        scriptUrl: `${base}/${version}/dialog/embedded_signup.js`,
        sessionEvents: state.embeddedSignup.sessionEvents,
        sessionId: numericId(),
      }),
    );
  });

  app.post("/:version/dialog/embedded_signup/finish", async (request) => {
    const body = parseControl(FinishBody, request.body ?? {});
    checkPopup(ctx, body.client_id, body.config_id);
    const user = [...ctx.state.users.values()][0]!;
    const grant = grantFor(ctx.state, user.id, DEFAULT_PERMISSIONS, [], body.waba_ids);
    const wabaIds = grant.granularScopes.find((g) => g.scope === DEFAULT_PERMISSIONS[0])?.targetIds ?? [];
    const wabaId = wabaIds[0];
    if (!wabaId)
      throw new GraphError(400, { message: "Select a WhatsApp Business Account.", type: "OAuthException", code: 100 });
    const waba = ctx.state.wabas.get(wabaId)!;
    const code = authorizationCode();
    ctx.state.codes.set(code, {
      code,
      appId: body.client_id,
      // The JavaScript SDK's codes carry no redirect URI; the exchange must send none.
      redirectUri: "",
      configId: body.config_id,
      scopes: grant.scopes,
      granularScopes: grant.granularScopes,
      createdAt: ctx.clock.now(),
      used: false,
    });
    const number = body.only_waba ? undefined : ctx.state.phoneNumbersOf(wabaId)[0];
    return {
      code,
      user_id: user.id,
      waba_id: wabaId,
      business_id: waba.businessId,
      ...(number ? { phone_number_id: number.id } : {}),
    };
  });

  app.post("/_emulator/embedded-signup", async (request) => {
    ctx.state.embeddedSignup = parseControl(SessionBody, request.body);
    return ctx.state.embeddedSignup;
  });
  app.get("/_emulator/embedded-signup", async () => ctx.state.embeddedSignup);
}
