import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { GraphError } from "../core/graph-error.js";
import { fbtraceId } from "../core/ids.js";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import { emulatorPath } from "./urls.js";

export function sendGraphError(reply: FastifyReply, error: GraphError): FastifyReply {
  const trace = fbtraceId();
  // Graph answers token failures with this challenge header, like any OAuth resource server.
  if (error.fields.code === 190) reply.header("www-authenticate", 'OAuth "Facebook Platform" "invalid_token"');
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.httpStatus)
    .header("x-fb-trace-id", trace)
    .type("application/json; charset=UTF-8")
    .send(error.toEnvelope(trace));
}

/**
 * Every failure leaves in Meta's envelope, including framework errors (bad content type, body
 * too large) that Meta would also report as a parameter problem, and the unknown (code 1).
 */
export function installErrorHandling(app: FastifyInstance, ctx: EmulatorContext): void {
  app.setErrorHandler((error: FastifyError | GraphError, _request, reply) => {
    if (error instanceof GraphError) return sendGraphError(reply, error);
    const status = error.statusCode;
    if (status && status >= 400 && status < 500) {
      const mapped = graphErrors.invalidParameter(error.message);
      return sendGraphError(reply, new GraphError(status, mapped.fields));
    }
    return sendGraphError(
      reply,
      new GraphError(500, {
        message: "An unknown error has occurred.",
        type: "OAuthException",
        code: 1,
        is_transient: true,
      }),
    );
  });
  app.setNotFoundHandler((request, reply) => {
    return sendGraphError(reply, graphErrors.unknownPath(emulatorPath(ctx, request)));
  });
}
