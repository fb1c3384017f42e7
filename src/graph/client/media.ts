import { type GraphBinary, type GraphResult, type GraphTransport, segment } from "../http/transport.js";
import { GraphSuccessResponse } from "../wire/common.js";
import { MediaInfo, MediaUploadResponse } from "../wire/media.js";

/**
 * Cloud API media: upload (multipart), read (a 5-minute download URL), download, delete.
 * Passing `phoneNumberId` to read/delete makes Meta refuse media owned by another number,
 * which is a cheap tenant-isolation check.
 */

export interface MediaUpload {
  data: Uint8Array | Blob;
  mimeType: string;
  filename: string;
}

/** Hosts Meta serves media from; the token is only ever sent to these (or to our base URL). */
const META_MEDIA_HOST_SUFFIXES = [".fbsbx.com", ".facebook.com", ".whatsapp.net", ".fbcdn.net"];

export function createMediaApi(t: GraphTransport, extraDownloadHosts: readonly string[] = []) {
  function assertDownloadable(url: URL): void {
    const ours = url.origin === t.baseUrl.origin;
    const meta = url.protocol === "https:" && META_MEDIA_HOST_SUFFIXES.some((s) => url.hostname.endsWith(s));
    if (!ours && !meta && !extraDownloadHosts.includes(url.host)) {
      throw new TypeError(`Refusing to send a Graph token to ${url.host}: not a Meta media host`);
    }
  }

  return {
    async upload(token: string, phoneNumberId: string, file: MediaUpload): Promise<GraphResult<MediaUploadResponse>> {
      const form = new FormData();
      form.set("messaging_product", "whatsapp");
      form.set("type", file.mimeType);
      const blob = file.data instanceof Blob ? file.data : new Blob([file.data], { type: file.mimeType });
      form.set("file", blob, file.filename);
      // Not retried: each attempt would create another media object.
      return t.call({
        method: "POST",
        path: `${segment(phoneNumberId)}/media`,
        token,
        body: form,
        retry: false,
        schema: MediaUploadResponse,
      });
    },

    async get(token: string, mediaId: string, opts: { phoneNumberId?: string } = {}): Promise<GraphResult<MediaInfo>> {
      const query = { phone_number_id: opts.phoneNumberId };
      return t.call({ method: "GET", path: segment(mediaId), token, query, retry: true, schema: MediaInfo });
    },

    /** Fetch the bytes behind a URL from `get` (valid 5 minutes; on 404 fetch a fresh URL). */
    async download(token: string, url: string): Promise<GraphBinary> {
      const target = new URL(url);
      assertDownloadable(target);
      return t.download(target, token);
    },

    async delete(
      token: string,
      mediaId: string,
      opts: { phoneNumberId?: string } = {},
    ): Promise<GraphResult<GraphSuccessResponse>> {
      const query = { phone_number_id: opts.phoneNumberId };
      return t.call({
        method: "DELETE",
        path: segment(mediaId),
        token,
        query,
        retry: false,
        schema: GraphSuccessResponse,
      });
    },
  };
}

export type MediaApi = ReturnType<typeof createMediaApi>;
