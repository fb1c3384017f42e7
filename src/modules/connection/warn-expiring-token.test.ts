import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { allMigrations } from "../../main.js";
import { manualClock } from "../../platform/clock.js";
import { createEventBus, type EventBus } from "../../platform/events/bus.js";
import type { RecordedEvent } from "../../platform/events/catalog.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { upsertConnection } from "./connection.repo.js";
import { TOKEN_WARNING_MS, warnIfTokenExpiring } from "./warn-expiring-token.js";

const A = asWorkspaceId("ws_expiring_a");
const B = asWorkspaceId("ws_expiring_b");
const DAY = 24 * 3_600_000;
const T0 = Date.UTC(2026, 11, 5);

/**
 * A user token (a login without an Embedded Signup configuration, made long-lived with Meta's
 * fb_exchange_token) lasts about 60 days; Wharf announces it once, a week before it expires.
 */
describeEachDialect("connection.token_expiring: once per token, a week ahead", (dialect) => {
  let tdb: TestDatabase;
  let events: EventBus;
  const clock = manualClock(T0);
  const seen: [string, RecordedEvent][] = [];
  const deps = () => ({ db: tdb.db, clock, events });
  const connect = (ws: typeof A, tokenExpiresAt: number | null) =>
    upsertConnection(tdb.db, ws, {
      status: "connected",
      waba_id: `waba_${ws}`,
      token_expires_at: tokenExpiresAt,
      updated_at: clock.now(),
    });

  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    events = createEventBus();
    seen.length = 0;
    events.subscribeAll((ws, e) => seen.push([ws, e]));
  });
  afterEach(() => tdb.cleanup());

  it("says nothing while the expiry is more than a week away, or for a token that never expires", async () => {
    await connect(A, T0 + TOKEN_WARNING_MS + 60_000);
    await connect(B, null);
    expect(await warnIfTokenExpiring(deps(), A)).toBe(false);
    expect(await warnIfTokenExpiring(deps(), B)).toBe(false);
    expect(seen).toEqual([]);
  });

  it("records one event for the token, even when several checks run at once; a reconnect's new token is announced again", async () => {
    const expiresAt = T0 + 5 * DAY;
    await connect(A, expiresAt);
    await connect(B, T0 + 50 * DAY);
    const results = await Promise.all([1, 2, 3, 4].map(() => warnIfTokenExpiring(deps(), A)));
    expect(results.filter(Boolean).length).toBe(1);
    expect(await warnIfTokenExpiring(deps(), A)).toBe(false);
    expect(seen).toEqual([
      [
        A,
        expect.objectContaining({ type: "connection.token_expiring", data: { expiresAt: "2026-12-10T00:00:00.000Z" } }),
      ],
    ]);
    // Reconnected: a new token with a new expiry, announced when its own last week comes.
    await connect(A, expiresAt + 60 * DAY);
    expect(await warnIfTokenExpiring(deps(), A)).toBe(false);
    clock.advance(58 * DAY);
    expect(await warnIfTokenExpiring(deps(), A)).toBe(true);
    expect(seen.length).toBe(2);
  });

  it("says nothing for a workspace that needs a reconnect already", async () => {
    await connect(A, T0 + DAY);
    await upsertConnection(tdb.db, A, { status: "needs_reconnect", updated_at: T0 });
    expect(await warnIfTokenExpiring(deps(), A)).toBe(false);
    expect(seen).toEqual([]);
  });
});
