import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphAuthError, GraphUnexpectedResponseError, appAccessToken, createGraphClient } from "./index.js";
import {
  PHONE_ID,
  TOKEN,
  WABA_ID,
  clientFor,
  expectBearerOnly,
  lastRequest,
} from "../../test/support/graph/conformance.js";
import { type LocalGraphServer, startLocalGraphServer } from "../../test/support/graph/local-graph-server.js";

let server: LocalGraphServer;
beforeAll(async () => {
  server = await startLocalGraphServer();
});
afterAll(() => server.close());

const BUC = {
  [WABA_ID]: [
    {
      type: "whatsapp_business_management",
      call_count: 12,
      total_cputime: 3,
      total_time: 5,
      estimated_time_to_regain_access: 0,
    },
  ],
};

describe("configuration: base URL and version come from options", () => {
  it("keeps a base path (the emulator mounts Graph under /_meta)", async () => {
    server.respond(() => ({ body: { id: PHONE_ID } }));
    const client = createGraphClient({ baseUrl: `${server.baseUrl}/_meta`, version: "v24.0" });
    await client.phoneNumbers.get(TOKEN, PHONE_ID, ["id"]);
    expect(lastRequest(server).pathname).toBe(`/_meta/v24.0/${PHONE_ID}`);
    expect(lastRequest(server).headers["user-agent"]).toBe("wharf/0.1.0");
  });

  // Meta, "Messaging limits" (business-portfolio limits since 2025-10-07): v24.0 reads the limit as
  // `whatsapp_business_manager_messaging_limit`; `messaging_limit_tier` is the field up to v23.0.
  // Asking a version for a field it lacks is error 100, so the client asks for the version's own.
  it("asks a number for the messaging-limit field of the configured Graph version (issue 14, item 2)", async () => {
    server.respond(() => ({ body: { id: PHONE_ID, whatsapp_business_manager_messaging_limit: "TIER_2K" } }));
    const v24 = await clientFor(server, { version: "v24.0" }).phoneNumbers.get(TOKEN, PHONE_ID);
    const v24Fields = lastRequest(server).query.get("fields")?.split(",");
    expect(v24Fields).toContain("whatsapp_business_manager_messaging_limit");
    expect(v24Fields).not.toContain("messaging_limit_tier");
    expect(v24.data.whatsapp_business_manager_messaging_limit).toBe("TIER_2K");

    server.respond(() => ({ body: { id: PHONE_ID, messaging_limit_tier: "TIER_250" } }));
    await clientFor(server, { version: "v23.0" }).phoneNumbers.get(TOKEN, PHONE_ID);
    const v23Fields = lastRequest(server).query.get("fields")?.split(",");
    expect(v23Fields).toContain("messaging_limit_tier");
    expect(v23Fields).not.toContain("whatsapp_business_manager_messaging_limit");
  });

  it("rejects a malformed version or base URL up front", () => {
    expect(() => createGraphClient({ baseUrl: server.baseUrl, version: "23" })).toThrow(/version/);
    expect(() => createGraphClient({ baseUrl: "not a url", version: "v23.0" })).toThrow();
  });

  it("uses the injected fetch", async () => {
    const seen: string[] = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      seen.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      return fetch(input, init);
    };
    server.respond(() => ({ body: { id: PHONE_ID } }));
    await clientFor(server, { fetch: fetchSpy }).phoneNumbers.get(TOKEN, PHONE_ID, ["id"]);
    expect(seen).toEqual([`${server.baseUrl}/v23.0/${PHONE_ID}?fields=id`]);
  });
});

describe("tokens are per call and travel only in the Authorization header", () => {
  it("two tenants through one client each send their own token", async () => {
    server.respond(() => ({ body: { id: PHONE_ID } }));
    const client = clientFor(server);
    await client.phoneNumbers.get("EAAtenantAtoken000000", PHONE_ID);
    expectBearerOnly(lastRequest(server), "EAAtenantAtoken000000");
    await client.phoneNumbers.get("EAAtenantBtoken000000", PHONE_ID);
    expectBearerOnly(lastRequest(server), "EAAtenantBtoken000000");
  });

  it("refuses an empty token before touching the network", async () => {
    const before = server.requests.length;
    await expect(clientFor(server).phoneNumbers.get("", PHONE_ID)).rejects.toThrow(TypeError);
    expect(server.requests.length).toBe(before);
  });

  it("refuses ids that would escape their path segment", async () => {
    const client = clientFor(server);
    await expect(
      client.messages.send(TOKEN, "../../me", {
        messaging_product: "whatsapp",
        to: "+1",
        type: "text",
        text: { body: "x" },
      }),
    ).rejects.toThrow(/Invalid Graph id/);
    await expect(client.phoneNumbers.get(TOKEN, "123?fields=access_token")).rejects.toThrow(/Invalid Graph id/);
  });

  it("an auth error carries no token anywhere", async () => {
    server.respond(() => ({
      status: 401,
      body: {
        error: { message: `Malformed access token ${TOKEN}`, type: "OAuthException", code: 190, fbtrace_id: "Az8" },
      },
    }));
    const err = await clientFor(server)
      .phoneNumbers.get(TOKEN, PHONE_ID)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphAuthError);
    const e = err as GraphAuthError;
    for (const text of [e.message, String(e), JSON.stringify(e), e.stack ?? "", JSON.stringify(Object.entries(e))])
      expect(text).not.toContain(TOKEN);
    expect(e.path).toBe(`/v23.0/${PHONE_ID}`);
  });
});

describe("OAuth", () => {
  it("exchanges an Embedded Signup code (Meta's documented GET), and scrubs the secret and code from errors", async () => {
    server.respond(() => ({ body: { access_token: "EAAbusiness", token_type: "bearer" } }));
    const client = clientFor(server);
    const { data } = await client.oauth.exchangeCode({
      clientId: "123",
      clientSecret: "app-secret-value",
      code: "AQDcode-value",
      redirectUri: "https://wharf.example.com/cb",
    });
    expect(data.access_token).toBe("EAAbusiness");
    const req = lastRequest(server);
    expect(req.method).toBe("GET");
    expect(req.pathname).toBe("/v23.0/oauth/access_token");
    expect(Object.fromEntries(req.query)).toEqual({
      client_id: "123",
      client_secret: "app-secret-value",
      code: "AQDcode-value",
      redirect_uri: "https://wharf.example.com/cb",
    });
    expect(req.headers.authorization).toBeUndefined();

    server.respond(() => ({
      status: 400,
      body: {
        error: {
          message: "Invalid code AQDcode-value for app-secret-value",
          type: "OAuthException",
          code: 100,
          fbtrace_id: "X",
        },
      },
    }));
    const err = (await client.oauth
      .exchangeCode({ clientId: "123", clientSecret: "app-secret-value", code: "AQDcode-value" })
      .catch((e: unknown) => e)) as Error;
    expect(err.message).not.toContain("AQDcode-value");
    expect(err.message).not.toContain("app-secret-value");
    expect(server.requests.at(-1)?.query.has("redirect_uri")).toBe(false);
  });

  it("exchanges a short-lived user token for a long-lived one", async () => {
    server.respond(() => ({ body: { access_token: "EAAlong", token_type: "bearer", expires_in: 5183944 } }));
    const { data } = await clientFor(server).oauth.exchangeForLongLivedToken({
      clientId: "123",
      clientSecret: "s3cret-app",
      shortLivedToken: "EAAshort",
    });
    expect(data.expires_in).toBe(5183944);
    expect(lastRequest(server).query.get("grant_type")).toBe("fb_exchange_token");
    expect(lastRequest(server).query.get("fb_exchange_token")).toBe("EAAshort");
  });

  it("debug_token: input_token in the query as Meta requires, the app token in the header", async () => {
    const granular = [
      { scope: "whatsapp_business_management", target_ids: [WABA_ID] },
      { scope: "whatsapp_business_messaging", target_ids: [WABA_ID] },
      { scope: "business_management" },
    ];
    server.respond(() => ({
      body: {
        data: {
          app_id: "123",
          type: "SYSTEM_USER",
          is_valid: true,
          expires_at: 0,
          scopes: ["whatsapp_business_management"],
          granular_scopes: granular,
        },
      },
    }));
    const appToken = appAccessToken("123", "app-secret-value");
    const { data } = await clientFor(server).oauth.debugToken(appToken, "EAAinspectedToken0000");
    expect(data.data.granular_scopes?.find((g) => g.scope === "whatsapp_business_management")?.target_ids).toEqual([
      WABA_ID,
    ]);
    const req = lastRequest(server);
    expect(req.pathname).toBe("/v23.0/debug_token");
    expect(req.query.get("input_token")).toBe("EAAinspectedToken0000");
    expect(req.query.has("access_token")).toBe(false);
    expect(req.headers.authorization).toBe("Bearer 123|app-secret-value");
  });
});

describe("usage headers are parsed and exposed", () => {
  it("on a successful response", async () => {
    server.respond(() => ({
      headers: {
        "x-business-use-case-usage": JSON.stringify(BUC),
        "x-app-usage": '{"call_count":28,"total_time":25,"total_cputime":25}',
        "x-fb-trace-id": "Trc",
      },
      body: { data: [] },
    }));
    const res = await clientFor(server).wabas.listSubscribedApps(TOKEN, WABA_ID);
    expect(res.usage.businessUseCase?.[WABA_ID]?.[0]).toMatchObject({
      type: "whatsapp_business_management",
      call_count: 12,
    });
    expect(res.usage.app).toEqual({ call_count: 28, total_time: 25, total_cputime: 25 });
    expect(res.fbtraceId).toBe("Trc");
  });

  it("on an error, and a malformed header is ignored rather than fatal", async () => {
    server.respond(() => ({
      status: 400,
      headers: { "x-business-use-case-usage": JSON.stringify(BUC), "x-app-usage": "{not json" },
      body: { error: { message: "bad", type: "OAuthException", code: 100, fbtrace_id: "X" } },
    }));
    const err = (await clientFor(server)
      .wabas.listSubscribedApps(TOKEN, WABA_ID)
      .catch((e: unknown) => e)) as { usage: unknown };
    expect(err.usage).toEqual({ businessUseCase: BUC });
  });
});

describe("responses that do not match Meta's documented shape", () => {
  it("are reported as GraphUnexpectedResponseError, never retried", async () => {
    server.respond(() => ({ body: { messaging_product: "whatsapp", contacts: [], messages: [] } }));
    const before = server.requests.length;
    const err = await clientFor(server)
      .messages.send(TOKEN, PHONE_ID, { messaging_product: "whatsapp", to: "+1", type: "text", text: { body: "x" } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphUnexpectedResponseError);
    expect((err as GraphUnexpectedResponseError).retryable).toBe(false);
    expect(server.requests.length - before).toBe(1);
    server.respond(() => ({ body: Buffer.from("<html>") }));
    await expect(clientFor(server).phoneNumbers.get(TOKEN, PHONE_ID)).rejects.toBeInstanceOf(
      GraphUnexpectedResponseError,
    );
  });
});

describe("media download", () => {
  it("fetches the bytes behind the URL with the bearer token", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x42]);
    server.respond((req) =>
      req.pathname === "/lookaside/blob"
        ? { headers: { "content-type": "image/jpeg" }, body: bytes }
        : {
            body: {
              id: "m1",
              url: `${server.baseUrl}/lookaside/blob?mid=1`,
              mime_type: "image/jpeg",
              sha256: "x",
              file_size: 5,
            },
          },
    );
    const client = clientFor(server);
    const { data } = await client.media.get(TOKEN, "1037543291543636");
    const file = await client.media.download(TOKEN, data.url);
    expect(Buffer.from(file.body)).toEqual(bytes);
    expect(file.contentType).toBe("image/jpeg");
    expectBearerOnly(lastRequest(server));
  });

  it("refuses to send the token to a host that is neither Meta's nor the configured base URL", async () => {
    const client = clientFor(server);
    await expect(client.media.download(TOKEN, "https://evil.example.com/x.jpg")).rejects.toThrow(/Refusing/);
    await expect(client.media.download(TOKEN, "http://lookaside.fbsbx.com/x")).rejects.toThrow(/Refusing/);
    await expect(client.media.download(TOKEN, "https://lookaside.fbsbx.com.evil.example/x")).rejects.toThrow(
      /Refusing/,
    );
  });
});

/**
 * Meta, "Securing Graph API Requests" (developers.facebook.com/docs/graph-api/securing-requests):
 * with "Require App Secret" on, every call made with a user or system-user token carries
 * `appsecret_proof`, the hex HMAC-SHA256 of the access token keyed with the app secret.
 */
describe("appsecret_proof (Meta: securing Graph API requests)", () => {
  const SECRET = "0123456789abcdef0123456789abcdef";
  const proof = (token: string) => createHmac("sha256", SECRET).update(token).digest("hex");

  it("goes with every user-token call (reads and sends), computed from that call's token", async () => {
    server.respond(() => ({ body: { id: PHONE_ID } }));
    const client = clientFor(server, { appSecret: SECRET });
    await client.phoneNumbers.get(TOKEN, PHONE_ID, ["id"]);
    expect(lastRequest(server).query.get("appsecret_proof")).toBe(proof(TOKEN));
    expectBearerOnly(lastRequest(server));
    await client.phoneNumbers.get("EAAotherTenant", PHONE_ID, ["id"]);
    expect(lastRequest(server).query.get("appsecret_proof")).toBe(proof("EAAotherTenant"));
    server.respond(() => ({ body: { messaging_product: "whatsapp", contacts: [], messages: [{ id: "wamid.X" }] } }));
    await client.messages.send(TOKEN, PHONE_ID, {
      messaging_product: "whatsapp",
      to: "15551234567",
      type: "text",
      text: { body: "hi" },
    });
    expect(lastRequest(server).query.get("appsecret_proof")).toBe(proof(TOKEN));
  });

  it("a send (written as a plain URL, not parsed) keeps the base path and carries the proof as the only query", async () => {
    server.respond(() => ({ body: { messaging_product: "whatsapp", contacts: [], messages: [{ id: "wamid.X" }] } }));
    const body = { messaging_product: "whatsapp", to: "15551234567", type: "text", text: { body: "hi" } } as const;
    await clientFor(server, { appSecret: SECRET, baseUrl: `${server.baseUrl}/_meta/` }).messages.send(
      TOKEN,
      PHONE_ID,
      body,
    );
    expect(lastRequest(server).pathname).toBe(`/_meta/v23.0/${PHONE_ID}/messages`);
    expect([...lastRequest(server).query.keys()]).toEqual(["appsecret_proof"]);
    expect(lastRequest(server).query.get("appsecret_proof")).toBe(proof(TOKEN));
    await clientFor(server).messages.send(TOKEN, PHONE_ID, body);
    expect(lastRequest(server).pathname).toBe(`/v23.0/${PHONE_ID}/messages`);
    expect([...lastRequest(server).query.keys()]).toEqual([]);
  });

  it("is not added to app-token calls, nor by a client without the secret", async () => {
    server.respond(() => ({ body: { data: { is_valid: true } } }));
    await clientFor(server, { appSecret: SECRET }).oauth.debugToken(appAccessToken("1", SECRET), TOKEN);
    expect(lastRequest(server).query.has("appsecret_proof")).toBe(false);
    server.respond(() => ({ body: { id: PHONE_ID } }));
    await clientFor(server).phoneNumbers.get(TOKEN, PHONE_ID, ["id"]);
    expect(lastRequest(server).query.has("appsecret_proof")).toBe(false);
  });
});
