import { GraphError } from "../errors/graph-errors.js";
import { type GraphResult, type GraphTransport, segment } from "../http/transport.js";
import { backoffDelayMs, type RetryDeps, type RetryPolicy } from "../http/retry.js";
import {
  UploadChunkResponse,
  UploadOffsetResponse,
  UploadSessionQuery,
  UploadSessionResponse,
} from "../wire/upload-session.js";

/**
 * Resumable Upload API (template header samples). Meta documents `Authorization: OAuth <token>`
 * for the session calls (PYWA shows Bearer also works); the documented scheme is used.
 *
 * Session ids may carry a signature (`upload:MTph...?sig=ARZ...`): the part after `?` is a query
 * string, not part of the path. Both parts may be standard base64 (`+`, `/`, `=`), and go to Meta
 * as Meta wrote them, the way Meta's examples paste the id into the URL (`POST
 * https://graph.facebook.com/v23.0/<UPLOAD_SESSION_ID>`): the signature verbatim (parsed as a query
 * it would turn `+` into a space), the id with only `/` escaped (`%2F`), so it stays one segment.
 */

const SESSION_ID = /^upload:[A-Za-z0-9+/=_:.-]+$/;

function sessionTarget(sessionId: string): { path: string; rawQuery: string | undefined } {
  const at = sessionId.indexOf("?");
  const id = at < 0 ? sessionId : sessionId.slice(0, at);
  const signature = at < 0 ? undefined : sessionId.slice(at + 1);
  if (!SESSION_ID.test(id) || id.includes("..") || (signature !== undefined && /[#\s]/.test(signature)))
    throw new TypeError(`Invalid upload session id: ${JSON.stringify(sessionId.slice(0, 40))}`);
  return { path: id.replaceAll("/", "%2F"), rawQuery: signature || undefined };
}

export function createUploadsApi(t: GraphTransport, policy: RetryPolicy, deps: RetryDeps) {
  const api = {
    /** `POST /{app_id}/uploads`: the token's user must have a role on that app. */
    async createSession(
      token: string,
      appId: string,
      q: UploadSessionQuery,
    ): Promise<GraphResult<UploadSessionResponse>> {
      const query = UploadSessionQuery.parse(q);
      return t.call({
        method: "POST",
        path: `${segment(appId)}/uploads`,
        token,
        query,
        retry: false,
        schema: UploadSessionResponse,
      });
    },

    /** Send `file` from byte `offset` to the end. The answer's `h` is the handle for templates. */
    async sendFrom(
      token: string,
      sessionId: string,
      file: Uint8Array,
      offset: number,
    ): Promise<GraphResult<UploadChunkResponse>> {
      if (!Number.isInteger(offset) || offset < 0 || offset > file.byteLength)
        throw new RangeError(`Invalid file offset ${offset}`);
      const { path, rawQuery } = sessionTarget(sessionId);
      return t.call({
        method: "POST",
        path,
        rawQuery,
        token,
        authScheme: "OAuth",
        headers: { file_offset: String(offset), "Content-Type": "application/octet-stream" },
        body: file.subarray(offset),
        retry: false,
        schema: UploadChunkResponse,
      });
    },

    /** `GET /{upload_session_id}`: how many bytes Meta holds, i.e. where to resume. */
    async getOffset(token: string, sessionId: string): Promise<GraphResult<UploadOffsetResponse>> {
      const { path, rawQuery } = sessionTarget(sessionId);
      return t.call({
        method: "GET",
        path,
        rawQuery,
        token,
        authScheme: "OAuth",
        retry: true,
        schema: UploadOffsetResponse,
      });
    },

    /**
     * Continue an interrupted upload: ask Meta for the offset, send the rest, and repeat after a
     * retryable failure (up to the retry policy's attempts) from wherever Meta says it got to.
     */
    async resume(token: string, sessionId: string, file: Uint8Array): Promise<{ h: string }> {
      for (let attempt = 1; ; attempt++) {
        try {
          const { data: offset } = await api.getOffset(token, sessionId);
          const { data } = await api.sendFrom(token, sessionId, file, Math.min(offset.file_offset, file.byteLength));
          return { h: data.h };
        } catch (error) {
          if (!(error instanceof GraphError) || !error.retryable || attempt >= policy.maxAttempts) throw error;
          await deps.sleep(backoffDelayMs(attempt, policy, deps.random));
        }
      }
    },

    /** Whole protocol: open a session, send from 0, and on a retryable failure resume from Meta's offset. */
    async uploadFile(
      token: string,
      appId: string,
      file: { bytes: Uint8Array; fileName: string; fileType: UploadSessionQuery["file_type"] },
    ): Promise<{ sessionId: string; h: string }> {
      const { data: session } = await api.createSession(token, appId, {
        file_name: file.fileName,
        file_length: file.bytes.byteLength,
        file_type: file.fileType,
      });
      try {
        const { data } = await api.sendFrom(token, session.id, file.bytes, 0);
        return { sessionId: session.id, h: data.h };
      } catch (error) {
        if (!(error instanceof GraphError) || !error.retryable || policy.maxAttempts <= 1) throw error;
        await deps.sleep(backoffDelayMs(1, policy, deps.random));
        return { sessionId: session.id, ...(await api.resume(token, session.id, file.bytes)) };
      }
    },
  };
  return api;
}

export type UploadsApi = ReturnType<typeof createUploadsApi>;
