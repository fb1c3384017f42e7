import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { eventually, inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

const CSP = "default-src 'none'; sandbox";

/**
 * Media a customer sends is attacker-chosen bytes and type. Served from Wharf's origin it would run
 * with the dashboard's cookies (stored XSS), so only types a browser cannot execute are shown inline.
 */
describeEachDialect("inbound media is served as inert content (security)", (dialect) => {
  let w: StartedWharf;
  const h = inboxHarness(() => w);
  let ids: Awaited<ReturnType<typeof h.connect>>;
  let n = 0;

  beforeAll(async () => {
    w = await startWharf({ dialect });
    ids = await h.connect(w.demo.apiKey);
  }, 60_000);
  afterAll(() => w?.close());

  /** The customer sends a file; returns Meta's media id once Wharf has recorded the message. */
  async function customerSends(media: {
    mimeType: string;
    body: string;
    filename?: string;
    kind?: string;
  }): Promise<string> {
    const from = `+1555031${String(++n).padStart(4, "0")}`;
    await h.emulator("/inbound", {
      phoneNumberId: ids.metaPhoneNumberId,
      from,
      media: {
        mimeType: media.mimeType,
        base64: Buffer.from(media.body).toString("base64"),
        ...(media.filename ? { filename: media.filename } : {}),
        ...(media.kind ? { kind: media.kind } : {}),
      },
    });
    const msg = (await h.emulator("/inbound")).data.find((m: Json) => `+${m.from}` === from).message;
    const id = msg[msg.type].id as string;
    await eventually(
      () => h.api("GET", `/v1/conversations?waId=${from.slice(1)}`, w.demo.apiKey),
      (r) => r.body.data.length === 1,
    );
    return id;
  }
  const get = (id: string, apiKey = w.demo.apiKey) =>
    fetch(`${w.url}/v1/media/inbound/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });

  it("HTML and SVG are downloads, never rendered: attachment, nosniff, a sandboxing CSP", async () => {
    for (const mimeType of [
      "text/html",
      "image/svg+xml",
      "application/xhtml+xml",
      "text/xml",
      "application/javascript",
      "application/x-unknown",
    ]) {
      const id = await customerSends({
        mimeType,
        body: "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(document.cookie)'/>",
        kind: "document",
      });
      const res = await get(id);
      expect(res.status, mimeType).toBe(200);
      expect(res.headers.get("content-disposition"), mimeType).toMatch(/^attachment; filename="media-\d+\.[a-z0-9]+"/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toBe(CSP);
      expect(res.headers.get("content-type"), mimeType).not.toMatch(/html|svg|xml|javascript/);
      await res.arrayBuffer();
    }
  });

  it("a JPEG is shown inline, still with nosniff and the CSP", async () => {
    const id = await customerSends({ mimeType: "image/jpeg", body: "\xff\xd8\xff fake jpeg" });
    const res = await get(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="media-\d+\.jpg"$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe(CSP);
    await res.arrayBuffer();
  });

  it("a customer's file name cannot inject headers or break out of the quotes", async () => {
    const id = await customerSends({
      mimeType: "application/pdf",
      body: "%PDF-1.4",
      filename: 'a"b\r\nSet-Cookie: x=1;\\évil.pdf',
    });
    const res = await get(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    const disposition = res.headers.get("content-disposition")!;
    // One quoted ASCII name with nothing that ends it early, and the original in RFC 5987 form.
    expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9._ -]+"; filename\*=UTF-8''[A-Za-z0-9%._-]+$/);
    expect(disposition).not.toMatch(/[\r\n\\]/);
    expect(disposition).toContain("filename*=UTF-8''a%22b");
    await res.arrayBuffer();
  });

  it("another workspace's media id is not found (404), not forbidden", async () => {
    const id = await customerSends({ mimeType: "image/png", body: "\x89PNG" });
    const other = (await h.api("POST", "/v1/workspaces", w.adminToken, { name: `Other ${dialect}` })).body;
    const res = await get(id, other.apiKey);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Json).error.code).toBe("NOT_FOUND");
  });

  // Meta's image webhook reference and OpenAPI example carry `sha256` base64-encoded
  // ("SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=") and, since 2025-11-12, the download `url`.
  it("the webhook's sha256 is base64 with a url, and Wharf refuses bytes that do not match it", async () => {
    const bytes = "\xff\xd8\xff a photo";
    const id = await customerSends({ mimeType: "image/jpeg", body: bytes });
    const msg = (await h.emulator("/inbound")).data.find((m: Json) => m.message.image?.id === id).message;
    const expected = createHash("sha256").update(Buffer.from(bytes)).digest("base64");
    expect(msg.image.sha256).toBe(expected);
    expect(msg.image.url).toMatch(/\/_lookaside\/whatsapp_business\/attachments\/\?mid=/);
    const ok = await get(id);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).toString("latin1")).toBe(Buffer.from(bytes).toString("latin1"));

    // A webhook that announced another hash: what Meta serves is not what the customer sent.
    const other = createHash("sha256").update("something else").digest("base64");
    await sql`update inbound_media set sha256 = ${other} where meta_media_id = ${id}`.execute(w.wharf.database.db);
    const bad = await get(id);
    expect(bad.status).toBe(502);
    expect(((await bad.json()) as Json).error.code).toBe("META_UNAVAILABLE");
  });
});
