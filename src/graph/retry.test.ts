import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEND_SAMPLES } from "./fixtures/send-samples.js";
import {
  GraphAuthError,
  GraphNetworkError,
  GraphRateLimitError,
  GraphRequestError,
  GraphTransientError,
  backoffDelayMs,
  createGraphClient,
} from "./index.js";
import { PHONE_ID, TOKEN } from "../../test/support/graph/conformance.js";
import {
  type LocalGraphServer,
  type ScriptedResponse,
  startLocalGraphServer,
} from "../../test/support/graph/local-graph-server.js";

const PHONE = { id: PHONE_ID, display_phone_number: "+1 555-0100" };
const transient = {
  status: 503,
  body: { error: { message: "(#133004) Server unavailable", type: "OAuthException", code: 133004, fbtrace_id: "T" } },
};
const policy = { maxAttempts: 4, baseMs: 100, maxMs: 1_000 };

let server: LocalGraphServer;
let sleeps: number[];

function client(random = () => 0.5) {
  return createGraphClient({
    baseUrl: server.baseUrl,
    version: "v23.0",
    retry: policy,
    random,
    sleep: async (ms) => void sleeps.push(ms),
  });
}

/** Scripted answers in order; the last one repeats. */
function script(...answers: ScriptedResponse[]) {
  const firstIndex = server.requests.length;
  server.respond((_req, i) => answers[Math.min(i - firstIndex, answers.length - 1)]!);
  return () => server.requests.length - firstIndex;
}

beforeAll(async () => {
  server = await startLocalGraphServer();
});
afterAll(() => server.close());
beforeEach(() => {
  sleeps = [];
});

describe("reads are retried with exponential backoff and jitter", () => {
  it("retries a transient failure until it succeeds, waiting deterministically", async () => {
    const count = script(transient, transient, { body: PHONE });
    const { data } = await client().phoneNumbers.get(TOKEN, PHONE_ID);
    expect(data.id).toBe(PHONE_ID);
    expect(count()).toBe(3);
    // equal jitter with random()=0.5: step/2 + step/4 for steps 100 and 200
    expect(sleeps).toEqual([75, 150]);
  });

  it("the jitter comes from the injected random source", async () => {
    script(transient, transient, transient, { body: PHONE });
    await client(() => 0).phoneNumbers.get(TOKEN, PHONE_ID);
    expect(sleeps).toEqual([50, 100, 200]);
    sleeps = [];
    script(transient, transient, transient, { body: PHONE });
    await client(() => 1).phoneNumbers.get(TOKEN, PHONE_ID);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it("gives up after maxAttempts with the last error", async () => {
    const count = script(transient);
    await expect(client().wabas.listTemplates(TOKEN, "102290129340398")).rejects.toBeInstanceOf(GraphTransientError);
    expect(count()).toBe(4);
    expect(sleeps).toHaveLength(3);
  });

  it("retries a network failure on a read", async () => {
    const count = script({ hangUp: true }, { body: PHONE });
    await client().phoneNumbers.get(TOKEN, PHONE_ID);
    expect(count()).toBe(2);
  });

  it("waits at least Meta's Retry-After on a rate limit", async () => {
    const limited = {
      status: 400,
      headers: { "retry-after": "0.8" },
      body: { error: { message: "(#80007)", type: "OAuthException", code: 80007, fbtrace_id: "T" } },
    };
    script(limited, { body: PHONE });
    await client().phoneNumbers.get(TOKEN, PHONE_ID);
    expect(sleeps).toEqual([800]);
  });

  it("does not sit out a wait longer than maxMs: the caller gets the error and the hint", async () => {
    const limited = {
      status: 400,
      headers: { "retry-after": "3600" },
      body: { error: { message: "(#80007)", type: "OAuthException", code: 80007, fbtrace_id: "T" } },
    };
    const count = script(limited, { body: PHONE });
    const err = await client()
      .phoneNumbers.get(TOKEN, PHONE_ID)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphRateLimitError);
    expect((err as GraphRateLimitError).retryAfterMs).toBe(3_600_000);
    expect(count()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("never retries auth or request errors", async () => {
    const count = script({
      status: 401,
      body: { error: { message: "expired", type: "OAuthException", code: 190, error_subcode: 463, fbtrace_id: "T" } },
    });
    await expect(client().phoneNumbers.get(TOKEN, PHONE_ID)).rejects.toBeInstanceOf(GraphAuthError);
    expect(count()).toBe(1);
    const count2 = script({
      status: 400,
      body: { error: { message: "bad", type: "OAuthException", code: 100, fbtrace_id: "T" } },
    });
    await expect(client().phoneNumbers.get(TOKEN, PHONE_ID)).rejects.toBeInstanceOf(GraphRequestError);
    expect(count2()).toBe(1);
  });
});

describe("sends and other mutations are not retried inside the client", () => {
  it("a send failing with a transient error is attempted once", async () => {
    const count = script(transient, {
      body: { messaging_product: "whatsapp", contacts: [], messages: [{ id: "wamid.X" }] },
    });
    await expect(client().messages.send(TOKEN, PHONE_ID, SEND_SAMPLES.text)).rejects.toBeInstanceOf(
      GraphTransientError,
    );
    expect(count()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("a send whose connection drops is attempted once and flagged as possibly delivered", async () => {
    const count = script({ hangUp: true });
    const err = await client()
      .messages.send(TOKEN, PHONE_ID, SEND_SAMPLES.text)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphNetworkError);
    expect((err as GraphNetworkError).maybeProcessed).toBe(true);
    expect(count()).toBe(1);
  });

  it("a rate-limited send is handed back with its scope, not retried", async () => {
    const count = script({
      status: 400,
      body: { error: { message: "(#131056) pair", type: "OAuthException", code: 131056, fbtrace_id: "T" } },
    });
    await expect(client().messages.send(TOKEN, PHONE_ID, SEND_SAMPLES.text)).rejects.toMatchObject({
      scope: "recipient_pair",
    });
    expect(count()).toBe(1);
  });

  it("register (10 per 72 h budget) and template creation are attempted once", async () => {
    const count = script(transient);
    await expect(client().phoneNumbers.register(TOKEN, PHONE_ID, { pin: "123456" })).rejects.toBeInstanceOf(
      GraphTransientError,
    );
    await expect(
      client().wabas.createTemplate(TOKEN, "102290129340398", {
        name: "t",
        language: "en_US",
        category: "UTILITY",
        components: [{ type: "BODY", text: "x" }],
      }),
    ).rejects.toBeInstanceOf(GraphTransientError);
    expect(count()).toBe(2);
  });
});

describe("backoffDelayMs", () => {
  it("stays within [step/2, step], never above maxMs, and honours a hint as a floor", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
        (attempt, r, baseMs, maxMs, hint) => {
          const step = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
          const d = backoffDelayMs(attempt, { maxAttempts: 5, baseMs, maxMs }, () => r, hint);
          expect(d).toBeGreaterThanOrEqual(Math.floor(Math.max(step / 2, hint ?? 0)));
          expect(d).toBeLessThanOrEqual(Math.ceil(Math.max(step, hint ?? 0)));
        },
      ),
    );
  });
});
