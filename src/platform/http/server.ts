import { STATUS_CODES as REASONS, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  hasZodFastifySchemaValidationErrors,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { newId } from "../crypto/ids.js";
import { AppError, ERROR_CODES, type ErrorBody, type ErrorCode } from "../errors/index.js";
import { MAX_JSON_DEPTH, jsonDepthExceeds } from "../json-depth.js";
import { errorCodesOf, errorResponses, type RouteDocs } from "./openapi-docs.js";
import { securityHeadersFor, type ExtraOrigins } from "./security-headers.js";
import type { RouteAccess } from "./principal.js";

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger, ZodTypeProvider>;

declare module "fastify" {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

export interface HttpServerOptions {
  logger: Logger;
  bodyLimit?: number;
  version: string;
  /** Whether (and which hops of) X-Forwarded-For to believe for `request.ip`; the socket address otherwise. */
  trustProxy?: boolean | number | string[];
  /** Other origins the dashboard's CSP allows (Meta's JavaScript SDK for Embedded Signup). */
  extraOrigins?: ExtraOrigins;
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
    // Fastify takes a hop count too (its types do not say so).
    trustProxy: (options.trustProxy ?? false) as boolean | string[],
    // Our ids are short; Meta's longest names (templates) are 512 characters.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 600 },
    // The router's own refusals (bad percent-encoding, an over-long parameter) answer with our envelope too.
    frameworkErrors: (error, request, reply) => {
      void (reply as FastifyReply).status(statusOf(error)).send(toErrorBody(error, request.id));
    },
    // Refused before any request exists (Node's parser: oversized request line or headers, garbage).
    clientErrorHandler: answerClientError,
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
    const text = raw.toString("utf8");
    // Checked before parsing: hashing, validating or re-serialising a 5,000-deep value recurses
    // past the stack. Meta's webhook has its own parser-free scope (it stores what Meta signed).
    if (jsonDepthExceeds(text))
      return done(
        new AppError(
          "MALFORMED_JSON",
          `The request body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels; flatten it.`,
        ),
        undefined,
      );
    // Fastify's default JSON parser is synchronous and answers through `done`; its type also admits a promise.
    void parseJson(request, text, (err, value) => {
      done(err ? new AppError("MALFORMED_JSON", "The request body is not valid JSON.") : null, value);
    });
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      // 3.1: the schemas are JSON Schema 2020-12, as zod writes them (nullable is a "null" type).
      openapi: "3.1.0",
      info: {
        title: "Wharf API",
        version: options.version,
        description: "Self-hosted gateway to the WhatsApp Business Platform.",
      },
      components: {
        securitySchemes: {
          apiKey: {
            type: "http",
            scheme: "bearer",
            description: "A workspace API key; it acts as the workspace's owner.",
          },
          operator: { type: "http", scheme: "bearer", description: "The operator token, WHARF_ADMIN_TOKEN." },
          session: {
            type: "apiKey",
            in: "cookie",
            name: "wharf_session",
            description: "A dashboard session; state changes also need the X-CSRF-Token header.",
          },
        },
      },
    },
    // Each operation's security requirement is its route's `access` declaration, with the roles as
    // the session scheme's role list, so /openapi.json is the role matrix (docs/security.md).
    // Every operation also lists the errors it can answer with (from its access, its schemas and
    // `config.docs.errors`) and any non-JSON answers its `config.docs.responses` describe.
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const config = (input.route as { config?: { access?: RouteAccess; docs?: RouteDocs } }).config;
      const access = config?.access;
      const schema = (input.schema ?? {}) as Record<string, unknown>;
      const ownResponses = Object.fromEntries(
        // fastify-swagger leaves the content out of a response whose schema is of type "null".
        Object.entries(config?.docs?.responses ?? {}).map(([status, r]) => [
          status,
          r.content ? r : { ...r, type: "null" },
        ]),
      );
      // A route documenting its own 4xx answers (the emulator's Graph errors) does not use our envelope.
      const ownErrors = Object.keys(ownResponses).some((status) => status.startsWith("4"));
      const errors = ownErrors
        ? {}
        : errorResponses(
            errorCodesOf({
              access,
              docs: config?.docs,
              hasBody: schema.body !== undefined || config?.docs?.body !== undefined,
              hasParams: schema.params !== undefined,
              hasInput:
                config?.docs?.body !== undefined ||
                ["body", "querystring", "params", "headers"].some((k) => schema[k] !== undefined),
            }),
          );
      const outSchema = (out.schema ?? {}) as Record<string, unknown>;
      const response = { ...ownResponses, ...described(outSchema.response), ...errors };
      const body = config?.docs?.body;
      return {
        ...out,
        schema: {
          ...outSchema,
          ...(body ? { body: docsBody(body), consumes: [body.contentType] } : {}),
          ...(Object.keys(response).length > 0 ? { response } : {}),
          ...(access === undefined ? {} : { "x-wharf-access": access, security: securityOf(access) }),
        },
      };
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // PostgreSQL text cannot hold U+0000 (the query fails), SQLite truncates at it in places, and no
  // name, id or message of ours or Meta's has one: refuse it in any input, before a handler runs.
  app.addHook("preValidation", async (request) => {
    const where = nulIn({
      path: request.params,
      query: request.query,
      body: Buffer.isBuffer(request.body) ? undefined : request.body,
    });
    if (where)
      throw new AppError("VALIDATION_FAILED", `The request has a NUL character (U+0000) in ${where}; remove it.`, {
        details: [{ field: where, message: "contains U+0000" }],
      });
  });
  const securityHeaders = securityHeadersFor(options.extraOrigins);
  // One line per request at info: the route's pattern (never the raw URL, whose query may carry a
  // token), the status and the time; no bodies. The webhook fast path logs nothing per request
  // (webhook-fast-path.ts), and WHARF_LOG_LEVEL=warn turns these off where their cost matters.
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? "(no route)",
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        requestId: request.id,
      },
      "request",
    );
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    // A route that set its own (stricter) policy keeps it: inbound media is sandboxed on its own terms.
    for (const [name, value] of Object.entries(securityHeaders(request.url)))
      if (!reply.hasHeader(name)) reply.header(name, value);
  });
  app.setErrorHandler((error, request, reply) => {
    const body = toErrorBody(error as FastifyError, request.id);
    const status = statusOf(error as FastifyError);
    if (status >= 500) request.log.error({ err: error, requestId: request.id }, "request failed");
    if (error instanceof AppError && error.extra.retryAfterSeconds !== undefined)
      reply.header("retry-after", String(error.extra.retryAfterSeconds));
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: {
        code: "NOT_FOUND",
        message: `No route ${request.method} ${request.url.split("?")[0]}.`,
        requestId: request.id,
      },
    });
  });
  return app;
}

/** A documented body's schema, without the `$schema` line a standalone JSON schema carries. */
function docsBody(body: NonNullable<RouteDocs["body"]>): Record<string, unknown> {
  const { $schema: _, ...schema } = body.schema;
  return { ...schema, ...(body.description ? { description: body.description } : {}) };
}

/** A zod-described answer is named by its status ("Created") unless its schema has a description. */
function described(responses: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries((responses ?? {}) as Record<string, Record<string, unknown>>))
    out[status] = { description: REASONS[Number(status)] ?? "Answer", ...schema };
  return out;
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
  const code = FRAMEWORK_CODES[error.code];
  if (code) return ERROR_CODES[code].status;
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return error.statusCode;
  return 500;
}

// Fastify's and the router's own errors, by their code, in our vocabulary.
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_BAD_URL: "VALIDATION_FAILED",
  FST_ERR_MAX_PARAM_LENGTH: "URI_TOO_LONG",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "VALIDATION_FAILED",
  FST_ERR_CTP_EMPTY_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_INVALID_JSON_BODY: "MALFORMED_JSON",
};

const FRAMEWORK_MESSAGES: Partial<Record<ErrorCode, string>> = {
  URI_TOO_LONG: "A path segment is too long; no id or name of ours is that long.",
  PAYLOAD_TOO_LARGE: "The request body is too large.",
  UNSUPPORTED_MEDIA_TYPE: "Send the body as application/json.",
  MALFORMED_JSON: "The request body is not valid JSON.",
};

// 4xx statuses Fastify or a plugin may set without one of our codes.
const STATUS_CODES: Record<number, ErrorCode> = {
  400: "VALIDATION_FAILED",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  408: "REQUEST_TIMEOUT",
  413: "PAYLOAD_TOO_LARGE",
  414: "URI_TOO_LONG",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
  431: "HEADERS_TOO_LARGE",
};

function toErrorBody(error: FastifyError, requestId: string): ErrorBody {
  if (error instanceof AppError) {
    return {
      error: {
        code: error.code,
        message: error.message,
        requestId,
        ...(error.extra.details ? { details: error.extra.details } : {}),
      },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      field: fieldOf(v.instancePath, v.params),
      message: v.message ?? "is invalid",
    }));
    const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
    return {
      error: { code: "VALIDATION_FAILED", message: `The request is not valid: ${summary}.`, requestId, details },
    };
  }
  const status = statusOf(error);
  if (status >= 400 && status < 500) {
    const code = FRAMEWORK_CODES[error.code] ?? STATUS_CODES[status] ?? "VALIDATION_FAILED";
    if (error.code === "FST_ERR_BAD_URL")
      return {
        error: {
          code,
          message:
            "The URL is not valid: a percent-encoded part does not decode; encode path segments with encodeURIComponent.",
          requestId,
        },
      };
    return {
      error: { code, message: FRAMEWORK_MESSAGES[code] ?? `The request was refused: ${error.message}`, requestId },
    };
  }
  // Never a stack trace or an internal message: those may hold a secret.
  return {
    error: {
      code: "INTERNAL",
      message: "Something went wrong on our side; retry, and quote the request id if it persists.",
      requestId,
    },
  };
}

/**
 * Node refuses some requests before Fastify sees them (an oversized request line or headers, bytes
 * that are not HTTP); they still get the envelope, with a request id of their own.
 */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "HEADERS_TOO_LARGE", "The URL or the headers are too large; shorten them."]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "REQUEST_TIMEOUT", "The request took too long to arrive; send it again."]
        : [400, "VALIDATION_FAILED", "The request is not valid HTTP."];
  const body = JSON.stringify({ error: { code, message, requestId: newId("req") } });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy();
}

/** Where the first U+0000 is, in keys or string values (iterative: bodies are depth-limited, but not params). */
function nulIn(input: Record<string, unknown>): string | null {
  const stack: Array<[unknown, string]> = Object.entries(input).map(([k, v]) => [v, k]);
  while (stack.length > 0) {
    const [value, at] = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return at;
    } else if (
      value !== null &&
      typeof value === "object" &&
      !(value instanceof Uint8Array) &&
      typeof (value as { pipe?: unknown }).pipe !== "function"
    ) {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes("\u0000")) return at;
        stack.push([v, `${at}.${k}`]);
      }
    }
  }
  return null;
}

function fieldOf(instancePath: string, params: unknown): string {
  const path = instancePath.replace(/^\//, "").replace(/\//g, ".");
  const missing = (params as { issue?: { path?: unknown[] } } | undefined)?.issue?.path;
  if (Array.isArray(missing) && missing.length > 0) return missing.join(".");
  return path || "body";
}

export { ERROR_CODES };
