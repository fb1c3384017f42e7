import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Readable } from "node:stream";
import { UploadSessionQuery } from "../../graph/index.js";
import { requireToken } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { uploadHandle, uploadSessionId } from "../core/ids.js";
import { graphErrors } from "../core/meta-errors.js";
import { allParams, stringParam } from "../http/params.js";
import { emulatorPath } from "../http/urls.js";
import { zodToGraphError } from "../http/zod-errors.js";
import { edgeCall } from "../nodes/edges.js";
import { checkVersion, type VersionedParams } from "../nodes/lookup.js";
import type { UploadSession } from "../state/content-model.js";
import type { TokenRecord } from "../state/model.js";

function sessionFor(
  ctx: EmulatorContext,
  request: FastifyRequest,
  method: string,
): { session: UploadSession; token: TokenRecord } {
  const params = request.params as VersionedParams;
  checkVersion(params.version);
  const token = requireToken(ctx, request);
  const session = ctx.state.uploads.get(params.id);
  if (!session || session.appId !== token.appId || rawSignature(request.raw.url ?? "") !== session.signature)
    throw graphErrors.unknownObject(params.id, method);
  return { session, token };
}

/**
 * The `sig` of the request's query as the client sent it, percent-decoded only: a form decoder
 * would read the `+` of a base64 signature as a space, so a client that re-encoded the signature
 * as a form value (`+` -> `%2B` is fine, `+` -> space is not) is told the session does not exist.
 */
function rawSignature(url: string): string | undefined {
  const q = url.indexOf("?");
  if (q < 0) return undefined;
  for (const pair of url.slice(q + 1).split("&")) {
    if (!pair.startsWith("sig=")) continue;
    try {
      return decodeURIComponent(pair.slice(4));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Appends bytes until the body ends, or until an injected cut drops the connection mid-way. */
async function receive(
  session: UploadSession,
  body: Readable,
  cutAfter: number | undefined,
): Promise<"complete" | "cut"> {
  let received = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    let piece = chunk;
    if (cutAfter !== undefined && received + piece.length >= cutAfter) piece = piece.subarray(0, cutAfter - received);
    const room = session.fileLength - session.offset;
    if (piece.length > room)
      throw graphErrors.invalidParameter(`The body runs past file_length (${session.fileLength} bytes).`);
    session.chunks.push(Buffer.from(piece));
    session.offset += piece.length;
    received += piece.length;
    if (cutAfter !== undefined && received >= cutAfter) return "cut";
  }
  return "complete";
}

/**
 * Meta's Resumable Upload API with real offsets: the session remembers how many bytes arrived,
 * a POST must continue from exactly there (`file_offset` header), and when a fault cuts the
 * connection the offset stays where the bytes stopped, so `GET /{session}` tells the client
 * where to resume. The finished upload answers `{h}`, the handle templates take.
 */
export async function registerUploadRoutes(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  app.post("/:version/:id/uploads", async (request) => {
    const { token, ...params } = edgeCall(ctx, request, "POST", "uploads", "application");
    if (token.type === "APP" || token.appId !== params.id) throw graphErrors.unknownObject(params.id, "POST");
    const q = allParams(request);
    const length = stringParam(q, "file_length");
    const input = {
      file_name: stringParam(q, "file_name"),
      file_length: length === undefined ? undefined : Number(length),
      file_type: stringParam(q, "file_type"),
    };
    const parsed = UploadSessionQuery.safeParse(input);
    if (!parsed.success) throw zodToGraphError(parsed.error, input);
    const { id, signature } = uploadSessionId();
    const { file_name, file_length, file_type } = parsed.data;
    ctx.state.uploads.set(id, {
      id,
      signature,
      appId: params.id,
      fileName: file_name,
      fileLength: file_length,
      fileType: file_type,
      chunks: [],
      offset: 0,
    });
    return { id: `${id}?sig=${signature}` };
  });

  // Bytes arrive with any content type (curl --data-binary sends form-urlencoded): take the raw stream.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

    raw.get("/:version/:id(^upload:.+)", async (request) => {
      const { session } = sessionFor(ctx, request, "GET");
      return { id: session.id, file_offset: session.offset };
    });

    raw.post("/:version/:id(^upload:.+)", async (request, reply: FastifyReply) => {
      const { session } = sessionFor(ctx, request, "POST");
      const offsetHeader = request.headers["file_offset"] ?? request.headers["file-offset"];
      const offset = Number(Array.isArray(offsetHeader) ? offsetHeader[0] : offsetHeader);
      if (!Number.isInteger(offset) || offset < 0) throw graphErrors.requiredParameter("file_offset");
      if (offset !== session.offset) {
        throw graphErrors.invalidParameter(
          `file_offset ${offset} does not match the ${session.offset} bytes already received; resume from file_offset ${session.offset}.`,
        );
      }
      const cut = ctx.faults.takeCut(request.method, emulatorPath(ctx, request));
      // Held before reading: once the body stream is torn down the request no longer exposes it.
      const socket = request.raw.socket;
      const body = request.body as Readable | undefined;
      const outcome = body ? await receive(session, body, cut?.cutAfterBytes) : "complete";
      if (outcome === "cut") {
        reply.hijack();
        socket.destroy();
        return reply;
      }
      if (session.offset < session.fileLength) return { id: session.id, file_offset: session.offset };
      session.handle ??= uploadHandle();
      return { h: session.handle };
    });
  });
}
