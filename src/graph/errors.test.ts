import { describe, expect, it } from "vitest";
import { GraphAuthError, GraphError, GraphNetworkError, GraphRateLimitError } from "./index.js";
import { GraphRequestError, GraphTransientError, classifyGraphError } from "./index.js";

/** What Meta sends: `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`. */
function envelope(code: number, extra: Record<string, unknown> = {}) {
  return {
    error: { message: `(#${code}) Something`, type: "OAuthException", code, fbtrace_id: `trace-${code}`, ...extra },
  };
}

function classify(status: number, body: unknown, headers: Record<string, string> = {}, nowMs = 1_700_000_000_000) {
  return classifyGraphError(
    {
      kind: "http",
      status,
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: new Headers(headers),
    },
    { method: "POST", path: "/v23.0/106540352242922/messages", nowMs },
  );
}

describe("auth errors: code 190 and its subcodes", () => {
  const subcodes: [number, string][] = [
    [458, "app_not_installed"],
    [459, "checkpoint"],
    [460, "password_changed"],
    [463, "expired"],
    [464, "unconfirmed_user"],
    [467, "invalid_session"],
  ];
  for (const [subcode, reason] of subcodes) {
    it(`190/${subcode} -> ${reason}`, () => {
      const err = classify(401, envelope(190, { error_subcode: subcode }));
      expect(err).toBeInstanceOf(GraphAuthError);
      expect(err).toMatchObject({
        kind: "auth",
        retryable: false,
        reason,
        code: 190,
        error_subcode: subcode,
        fbtrace_id: "trace-190",
        httpStatus: 401,
      });
    });
  }

  it("190 without a subcode, 102, and a bare 401 are auth errors too", () => {
    expect(classify(400, envelope(190))).toMatchObject({ reason: "invalid_token", kind: "auth" });
    expect(classify(400, envelope(102))).toBeInstanceOf(GraphAuthError);
    expect(classify(401, "Unauthorized")).toBeInstanceOf(GraphAuthError);
  });

  // Meta answers a call without any token with 104 and HTTP 400 (platform-facts; facebook-node-sdk#105):
  // a credentials problem to surface, not a bad request to retry or blame on the message.
  it("104 (no access token, HTTP 400) is an auth error", () => {
    const err = classify(400, {
      error: { message: "An access token is required to request this resource.", type: "OAuthException", code: 104 },
    });
    expect(err).toBeInstanceOf(GraphAuthError);
    expect(err).toMatchObject({ kind: "auth", code: 104, httpStatus: 400 });
  });
});

describe("rate limits: each code, with the retry-after Meta gives", () => {
  const codes: [number, string][] = [
    [4, "app"],
    [17, "user"],
    [32, "page"],
    [613, "custom"],
    [80007, "business_use_case"],
    [80008, "business_use_case"],
    [130429, "phone_number_throughput"],
    [131056, "recipient_pair"],
  ];
  for (const [code, scope] of codes) {
    it(`${code} -> ${scope}, Retry-After honoured`, () => {
      const err = classify(400, envelope(code), { "retry-after": "7" });
      expect(err).toBeInstanceOf(GraphRateLimitError);
      expect(err).toMatchObject({
        kind: "rate_limit",
        retryable: true,
        scope,
        code,
        retryAfterMs: 7000,
        fbtrace_id: `trace-${code}`,
      });
    });
  }

  it("takes the wait from X-Business-Use-Case-Usage (minutes) when there is no Retry-After", () => {
    const buc = {
      "102290129340398": [
        {
          type: "whatsapp_business_management",
          call_count: 100,
          total_cputime: 3,
          total_time: 4,
          estimated_time_to_regain_access: 2,
        },
      ],
    };
    const err = classify(400, envelope(80007), {
      "x-business-use-case-usage": JSON.stringify(buc),
    }) as GraphRateLimitError;
    expect(err.retryAfterMs).toBe(120_000);
    expect(err.usage.businessUseCase?.["102290129340398"]?.[0]?.call_count).toBe(100);
  });

  // platform-facts.md: "Throttling codes: 4, 80007 and 80008 (WhatsApp business account calls) ...
  // x-business-use-case-usage tells how long to wait"; Graph "Rate Limiting": minutes.
  it("80008 backs off like 80007, for as long as X-Business-Use-Case-Usage says", () => {
    const buc = {
      "102290129340398": [
        { type: "whatsapp", call_count: 100, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 3 },
      ],
    };
    const err = classify(400, envelope(80008), { "x-business-use-case-usage": JSON.stringify(buc) });
    expect(err).toBeInstanceOf(GraphRateLimitError);
    expect(err).toMatchObject({ scope: "business_use_case", retryable: true, retryAfterMs: 180_000 });
  });

  it("reads Retry-After as an HTTP date, and leaves retryAfterMs undefined when Meta gives nothing", () => {
    const now = Date.parse("2025-06-01T00:00:00Z");
    expect(
      (classify(429, envelope(4), { "retry-after": "Sun, 01 Jun 2025 00:00:30 GMT" }, now) as GraphRateLimitError)
        .retryAfterMs,
    ).toBe(30_000);
    expect((classify(400, envelope(131056)) as GraphRateLimitError).retryAfterMs).toBeUndefined();
  });

  it("HTTP 429 without an envelope is a rate limit of unknown scope", () => {
    expect(classify(429, "Too Many Requests")).toMatchObject({ kind: "rate_limit", scope: "unknown" });
  });
});

describe("transient errors", () => {
  for (const [status, code] of [
    [400, 1],
    [503, 2],
    [500, 131000],
    [500, 131016],
    [503, 133004],
  ] as const) {
    it(`code ${code} (HTTP ${status})`, () => {
      const err = classify(status, envelope(code));
      expect(err).toBeInstanceOf(GraphTransientError);
      expect(err).toMatchObject({ kind: "transient", retryable: true, code, httpStatus: status });
    });
  }

  it("any 5xx without a known permanent code, and is_transient: true", () => {
    expect(classify(502, "<html>Bad Gateway</html>")).toBeInstanceOf(GraphTransientError);
    expect(classify(500, envelope(99999))).toBeInstanceOf(GraphTransientError);
    expect(classify(400, envelope(100, { is_transient: true }))).toBeInstanceOf(GraphTransientError);
  });

  it("131057 (maintenance during a throughput upgrade) carries Meta's documented ~1 minute", () => {
    expect(classify(500, envelope(131057))).toMatchObject({ kind: "transient", retryAfterMs: 60_000 });
  });

  it("but a 500 with a code Meta documents as permanent is not retried", () => {
    expect(classify(500, envelope(131045))).toBeInstanceOf(GraphRequestError);
    expect(classify(500, envelope(3))).toBeInstanceOf(GraphRequestError);
  });
});

describe("permanent request errors keep every detail", () => {
  it("131047 re-engagement window", () => {
    const err = classify(
      400,
      envelope(131047, {
        message: "(#131047) Re-engagement message",
        error_subcode: 2494010,
        error_data: {
          messaging_product: "whatsapp",
          details: "Message failed to send because more than 24 hours have passed",
        },
        error_user_title: "Outside window",
      }),
    );
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err).toMatchObject({
      kind: "request",
      retryable: false,
      httpStatus: 400,
      code: 131047,
      error_subcode: 2494010,
      type: "OAuthException",
      fbtrace_id: "trace-131047",
      details: "Message failed to send because more than 24 hours have passed",
      error_user_title: "Outside window",
    });
    expect(err.message).toContain("(#131047/2494010)");
    expect(err.message).toContain("POST /v23.0/106540352242922/messages");
  });

  it("100, 10 (permission), 132001 (404), and error_data given as a string", () => {
    expect(classify(400, envelope(100))).toBeInstanceOf(GraphRequestError);
    expect(classify(403, envelope(10))).toBeInstanceOf(GraphRequestError);
    expect(classify(404, envelope(132001))).toBeInstanceOf(GraphRequestError);
    expect(
      classify(400, envelope(100, { error_subcode: 2388024, error_data: "Content in this language already exists" })),
    ).toMatchObject({
      error_data: "Content in this language already exists",
      details: undefined,
    });
  });

  it("a 4xx without an envelope is a request error; fbtrace_id falls back to x-fb-trace-id", () => {
    expect(classify(404, "not found", { "x-fb-trace-id": "HdrTrace" })).toMatchObject({
      kind: "request",
      fbtrace_id: "HdrTrace",
      code: undefined,
    });
  });
});

describe("network failures are transient", () => {
  const netError = (code: string) =>
    Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });

  it("connection refused: cannot have reached Meta", () => {
    const err = classifyGraphError(
      { kind: "network", error: netError("ECONNREFUSED") },
      { method: "GET", path: "/v23.0/1" },
    );
    expect(err).toBeInstanceOf(GraphNetworkError);
    expect(err).toBeInstanceOf(GraphTransientError);
    expect(err).toMatchObject({
      kind: "transient",
      retryable: true,
      networkCode: "ECONNREFUSED",
      maybeProcessed: false,
      httpStatus: undefined,
    });
  });

  it("reset or timeout: Meta may have processed it", () => {
    expect(classifyGraphError({ kind: "network", error: netError("ECONNRESET") })).toMatchObject({
      maybeProcessed: true,
    });
    const timeout = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
    expect(classifyGraphError({ kind: "network", error: timeout })).toMatchObject({
      networkCode: "ETIMEDOUT",
      maybeProcessed: true,
    });
  });
});

describe("secrets never leak through an error", () => {
  const token = "EAAGm0PX4ZCpsBAKsecretTOKENvalue123";

  it("scrubs a token Meta echoes back, in message, toString and JSON", () => {
    const err = classifyGraphError(
      {
        kind: "http",
        status: 400,
        body: JSON.stringify(envelope(190, { message: `Malformed access token ${token}` })),
        headers: new Headers(),
      },
      { method: "GET", path: "/v23.0/me", secrets: [token] },
    );
    expect(err).toBeInstanceOf(GraphError);
    for (const text of [err.message, String(err), JSON.stringify(err), err.stack ?? ""])
      expect(text).not.toContain(token);
    expect(err.message).toContain("[redacted]");
  });

  it("scrubs token-shaped strings even when the caller did not list them", () => {
    const err = classify(
      400,
      envelope(100, {
        message: `Invalid token EAABwzLixnjYBOzYmNMJJGfHq9DgNh`,
        error_data: { details: "app token 1234567890|abcdefghijklmnopqrstu" },
      }),
    );
    expect(err.message).not.toContain("EAABwzLixnjYBOzYmNMJJGfHq9DgNh");
    expect(err.details).not.toContain("abcdefghijklmnopqrstu");
  });
});
