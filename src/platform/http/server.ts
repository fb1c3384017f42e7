import Fastify, { LogController, type FastifyError, type FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { newId } from "../crypto/ids.js";
import { AppError, ERROR_CODES, type ErrorBody } from "./errors.js";
import type { RouteAccess } from "./principal.js";

export type App = FastifyInstance<
  import("node:http").Server,
  import("node:http").IncomingMessage,
  import("node:http").ServerResponse,
  Logger,
  ZodTypeProvider
>;

declare module "fastify" {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

export interface HttpServerOptions {
  logger: Logger;
  bodyLimit?: number;
  version: string;
}

export async function buildHttpServer(options: HttpServerOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: options.logger,
    // Per-request access logs cost more than the request itself on the webhook path; /metrics counts them.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => newId("req"),
    requestIdHeader: false,
    bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON is parsed from the raw bytes so routes that verify a signature can keep them. Fastify's own
  // parser is reused for its prototype-poisoning protection.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    const raw = body as Buffer;
    if (request.routeOptions.config?.rawBody) request.rawBody = raw;
    if (raw.length === 0) return done(null, undefined);
    parseJson(request, raw.toString("utf8"), (err, value) => {
      done(err ? new AppError("MALFORMED_JSON", "The request body is not valid JSON.") : null, value);
    });
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: "Wharf API", version: options.version, description: "Self-hosted gateway to the WhatsApp Business Platform." },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "A workspace API key; it acts as the workspace's owner." },
          operator: { type: "http", scheme: "bearer", description: "The operator token, WHARF_ADMIN_TOKEN." },
          session: { type: "apiKey", in: "cookie", name: "wharf_session", description: "A dashboard session; state changes also need the X-CSRF-Token header." },
        },
      },
    },
    // Each operation's security requirement is its route's `access` declaration, with the roles as
    // the session scheme's role list, so /openapi.json is the role matrix (docs/security.md).
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const access = (input.route as { config?: { access?: RouteAccess } }).config?.access;
      return access === undefined ? out : { ...out, schema: { ...out.schema, "x-wharf-access": access, security: securityOf(access) } };
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.setErrorHandler((error, request, reply) => {
    const body = toErrorBody(error as FastifyError, request.id);
    const status = statusOf(error as FastifyError);
    if (status >= 500) request.log.error({ err: error, requestId: request.id }, "request failed");
    if (error instanceof AppError && error.extra.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.extra.retryAfterSeconds));
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: "NOT_FOUND", message: `No route ${request.method} ${request.url.split("?")[0]}.`, requestId: request.id } });
  });
  return app;
}

function securityOf(access: RouteAccess): Array<Record<string, string[]>> {
  if (access === "public") return [];
  if (access === "operator") return [{ operator: [] }];
  if (access === "session") return [{ session: [] }];
  return [{ apiKey: [] }, { session: [...access] }];
}

function statusOf(error: FastifyError): number {
  if (error instanceof AppError) return error.status;
  if (hasZodFastifySchemaValidationErrors(error)) return 400;
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return error.statusCode;
  return 500;
}

function toErrorBody(error: FastifyError, requestId: string): ErrorBody {
  if (error instanceof AppError) {
    return { error: { code: error.code, message: error.message, requestId, ...(error.extra.details ? { details: error.extra.details } : {}) } };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({ field: fieldOf(v.instancePath, v.params), message: v.message ?? "is invalid" }));
    const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
    return { error: { code: "VALIDATION_FAILED", message: `The request is not valid: ${summary}.`, requestId, details } };
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return { error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is too large.", requestId } };
  if (status === 415) return { error: { code: "UNSUPPORTED_MEDIA_TYPE", message: "Send the body as application/json.", requestId } };
  if (status >= 400 && status < 500) return { error: { code: "VALIDATION_FAILED", message: error.message, requestId } };
  // Never a stack trace or an internal message: those may hold a secret.
  return { error: { code: "INTERNAL", message: "Something went wrong on our side; retry, and quote the request id if it persists.", requestId } };
}

function fieldOf(instancePath: string, params: unknown): string {
  const path = instancePath.replace(/^\//, "").replace(/\//g, ".");
  const missing = (params as { issue?: { path?: unknown[] } } | undefined)?.issue?.path;
  if (Array.isArray(missing) && missing.length > 0) return missing.join(".");
  return path || "body";
}

export { ERROR_CODES };
