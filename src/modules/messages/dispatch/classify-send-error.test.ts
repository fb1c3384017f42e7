import { describe, expect, it } from "vitest";
import { ChannelError } from "../../../channels/index.js";
import type { OutboxRow } from "../outbox.repo.js";
import { classifySendError } from "./classify-send-error.js";

const row: OutboxRow = {
  message_id: "msg_1",
  workspace_id: "ws_1",
  phone_number_id: "pn_1",
  wa_id: "15550001",
  campaign_id: null,
  state: "inflight",
  run_at: 0,
  attempts: 1,
  lease_owner: "w1",
  lease_until: 1,
  last_error: null,
};
const NOW = 1_000_000;

/** A business-account throttle as the Meta adapter reports it (its mapping is tested in channels/meta). */
function throttle(code: number, regainMinutes?: number) {
  return new ChannelError({
    channel: "meta",
    kind: "throttled",
    scope: "account",
    message: `(#${code}) throttled`,
    retryAfterMs: regainMinutes === undefined ? undefined : regainMinutes * 60_000,
    provider: { code, traceId: "T" },
  });
}

describe("WhatsApp business-account throttles (80007, 80008; platform-facts.md, Graph Rate Limiting)", () => {
  for (const code of [80007, 80008]) {
    it(`${code} waits out x-business-use-case-usage's estimated_time_to_regain_access and pauses the number`, () => {
      const f = classifySendError(throttle(code, 3), row, NOW, () => 0.5);
      expect(f.outcome).toMatchObject({ kind: "retry", runAt: NOW + 180_000, refund: true });
      expect(f.pauseNumberMs).toBe(180_000);
    });

    it(`${code} without a usage header waits a minute`, () => {
      const f = classifySendError(throttle(code), row, NOW, () => 0.5);
      expect(f.outcome).toMatchObject({ kind: "retry", runAt: NOW + 60_000, refund: true });
      expect(f.pauseNumberMs).toBe(60_000);
    });
  }
});

describe("the pauses a throttle asks for", () => {
  it("one recipient's pair rate retries that message later and pauses nothing", () => {
    const err = new ChannelError({
      channel: "meta",
      kind: "throttled",
      scope: "recipient",
      message: "pair",
      provider: { code: 131056 },
    });
    const f = classifySendError(err, row, NOW, () => 0.5);
    expect(f.outcome).toMatchObject({ kind: "retry", runAt: NOW + 6_000, refund: true });
    expect(f.pauseNumberMs).toBe(0);
    expect(f.pausedByMeta).toBeUndefined();
  });

  it("the number's throughput pauses the number and names the provider's code", () => {
    const err = new ChannelError({
      channel: "meta",
      kind: "throttled",
      scope: "number",
      message: "mps",
      provider: { code: 130429 },
    });
    const f = classifySendError(err, row, NOW, () => 0.5);
    expect(f.pauseNumberMs).toBe(1_000);
    expect(f.pausedByMeta).toBe(130429);
  });

  it("an answer that never came is held as unknown, never resent", () => {
    const err = new ChannelError({
      channel: "meta",
      kind: "maybe_processed",
      message: "timeout",
      retryable: true,
      networkCode: "ETIMEDOUT",
    });
    const f = classifySendError(err, row, NOW, () => 0.5);
    expect(f.outcome).toMatchObject({ kind: "unknown", error: { networkCode: "ETIMEDOUT" } });
  });

  it("a refusal fails the message with the provider's code and trace", () => {
    const err = new ChannelError({
      channel: "meta",
      kind: "refused",
      message: "bad",
      provider: { code: 131026, traceId: "X", details: "undeliverable" },
    });
    const f = classifySendError(err, row, NOW, () => 0.5);
    expect(f.outcome).toMatchObject({
      kind: "failed",
      error: { code: "META_REJECTED", metaCode: 131026, fbtraceId: "X", message: "undeliverable" },
    });
  });
});
