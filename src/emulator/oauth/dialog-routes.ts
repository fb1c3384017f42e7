import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import { GraphError } from "../core/graph-error.js";
import { authorizationCode } from "../core/ids.js";
import { allParams, stringParam } from "../http/params.js";
import { baseUrl } from "../http/urls.js";
import { renderDialogError, renderDialogPage, type DialogFields } from "./dialog-page.js";
import { oauthErrors } from "./oauth-errors.js";
import { DEFAULT_PERMISSIONS, grantFor, parseScopeList } from "./permissions.js";

export function isRedirectAllowed(uri: string, allowed: string[]): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(uri)) return false;
  return allowed.some((rule) => (rule.endsWith("*") ? uri.startsWith(rule.slice(0, -1)) : uri === rule));
}

function readFields(request: FastifyRequest): DialogFields {
  const p = allParams(request);
  const get = (name: string) => stringParam(p, name) ?? "";
  return {
    client_id: get("client_id"),
    redirect_uri: get("redirect_uri"),
    state: get("state"),
    config_id: get("config_id"),
    response_type: get("response_type") || "code",
    scope: get("scope"),
  };
}

/** Same checks on the page and on approve: the app must exist and the redirect be allowed. */
function checkFields(ctx: EmulatorContext, fields: DialogFields): void {
  if (fields.client_id !== ctx.state.app.id) throw oauthErrors.invalidAppId();
  if (!isRedirectAllowed(fields.redirect_uri, ctx.options.redirectUris)) throw oauthErrors.redirectNotAllowed();
  if (fields.response_type !== "code") throw oauthErrors.unsupportedResponseType();
}

/** The dialog is a browser page, so errors are a page too; API clients asking for JSON get the envelope. */
function dialogError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof GraphError)) throw error;
  if ((request.headers.accept ?? "").includes("application/json")) throw error;
  return reply
    .code(error.httpStatus)
    .type("text/html; charset=utf-8")
    .send(renderDialogError(error.fields.code, error.message));
}

function requestedPermissions(fields: DialogFields): string[] {
  // With a config_id the Login for Business configuration decides the permissions, not `scope`.
  const asked = fields.config_id ? DEFAULT_PERMISSIONS : parseScopeList(fields.scope);
  return asked.length > 0 ? asked : DEFAULT_PERMISSIONS;
}

function withParams(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== "") url.searchParams.set(k, v);
  return url.toString();
}

export function registerDialogRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get("/:version/dialog/oauth", async (request, reply) => {
    const fields = readFields(request);
    try {
      checkFields(ctx, fields);
    } catch (error) {
      return dialogError(request, reply, error);
    }
    const { state } = ctx;
    const user = [...state.users.values()][0]!;
    const business = [...state.businesses.values()].find((b) => b.ownerUserId === user.id)!;
    const wabas = [...state.wabas.values()]
      .filter((w) => w.businessId === business.id)
      .map((w) => ({ name: w.name, numbers: state.phoneNumbersOf(w.id).map((p) => p.displayPhoneNumber) }));
    const { version } = request.params as { version: string };
    const page = renderDialogPage({
      action: `${baseUrl(ctx, request)}/${version}/dialog/oauth/approve`,
      appName: state.app.name,
      userName: user.name,
      businessName: business.name,
      wabas,
      permissions: requestedPermissions(fields),
      fields,
    });
    return reply.type("text/html; charset=utf-8").send(page);
  });

  app.post("/:version/dialog/oauth/approve", async (request, reply) => {
    const fields = readFields(request);
    try {
      checkFields(ctx, fields);
    } catch (error) {
      return dialogError(request, reply, error);
    }
    const params = allParams(request);
    if (params["action"] === "cancel") {
      // What Meta sends back when the user cancels the dialog.
      return reply.redirect(
        withParams(fields.redirect_uri, {
          error: "access_denied",
          error_code: "200",
          error_description: "Permissions error",
          error_reason: "user_denied",
          state: fields.state,
        }),
      );
    }
    const declined = [
      ...parseScopeList(stringParam(params, "declined_permissions")),
      ...Object.keys(params)
        .filter((k) => k.startsWith("decline_") && params[k])
        .map((k) => k.slice("decline_".length)),
    ];
    const user = [...ctx.state.users.values()][0]!;
    const grant = grantFor(
      ctx.state,
      user.id,
      requestedPermissions(fields),
      declined,
      parseScopeList(stringParam(params, "waba_ids")),
    );
    const code = authorizationCode();
    ctx.state.codes.set(code, {
      code,
      appId: fields.client_id,
      redirectUri: fields.redirect_uri,
      configId: fields.config_id || null,
      scopes: grant.scopes,
      granularScopes: grant.granularScopes,
      createdAt: ctx.clock.now(),
      used: false,
    });
    return reply.redirect(withParams(fields.redirect_uri, { code, state: fields.state }));
  });
}
