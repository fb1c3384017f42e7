import { afterEach, beforeEach, expect, it } from "vitest";
import { manualClock } from "../../platform/clock.js";
import { AppError } from "../../platform/errors/index.js";
import { allMigrations } from "../../main.js";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { beginAttempt, THROTTLE_LIMITS, THROTTLE_WINDOW_MS } from "./attempt-throttle.js";

describeEachDialect("attempt throttle", (dialect) => {
  let database: TestDatabase;
  const clock = manualClock();
  beforeEach(async () => {
    database = await openTestDatabase(dialect, allMigrations);
  });
  afterEach(() => database.cleanup());
  const deps = () => ({ db: database.db, clock });

  const refusal = async (subject: string, ip: string) => {
    try {
      await beginAttempt(deps(), "login", subject, ip);
      return null;
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return err as AppError;
    }
  };

  it("refuses past the account-and-address limit, right secret or not, until the window ends, and never longer", async () => {
    for (let i = 0; i < THROTTLE_LIMITS.accountFromAddress; i++)
      expect(await refusal("Victim@example.com", "198.51.100.7")).toBeNull();
    const refused = await refusal("victim@example.com", "198.51.100.7");
    expect(refused?.code).toBe("RATE_LIMITED");
    expect(refused?.extra.retryAfterSeconds).toBe(THROTTLE_WINDOW_MS / 1000);
    // Refused attempts do not push the window further out.
    clock.advance(THROTTLE_WINDOW_MS - 60_000);
    expect((await refusal("victim@example.com", "198.51.100.7"))?.extra.retryAfterSeconds).toBe(60);
    clock.advance(60_000);
    expect(await refusal("victim@example.com", "198.51.100.7")).toBeNull();
  });

  it("another address keeps its own budget for the account until the account-wide limit", async () => {
    for (let i = 0; i < THROTTLE_LIMITS.accountFromAddress; i++) await refusal("v@example.com", "198.51.100.7");
    expect(await refusal("v@example.com", "198.51.100.8")).toBeNull();
    for (let n = THROTTLE_LIMITS.accountFromAddress + 2; n <= THROTTLE_LIMITS.account; n++)
      await refusal("v@example.com", `198.51.100.${n}`);
    expect((await refusal("v@example.com", "192.0.2.1"))?.code).toBe("RATE_LIMITED");
  });

  it("limits one address across many accounts, IPv6 by its /64", async () => {
    for (let i = 0; i < THROTTLE_LIMITS.address; i++)
      expect(await refusal(`u${i}@example.com`, `2001:db8::${i.toString(16)}`)).toBeNull();
    expect((await refusal("fresh@example.com", "2001:db8::ffff"))?.code).toBe("RATE_LIMITED");
    expect(await refusal("fresh@example.com", "2001:db8:1::1")).toBeNull();
  });

  it("a success resets the account and gives the address its attempt back", async () => {
    for (let i = 0; i < THROTTLE_LIMITS.accountFromAddress - 1; i++) await refusal("ok@example.com", "203.0.113.9");
    const attempt = await beginAttempt(deps(), "login", "ok@example.com", "203.0.113.9");
    await attempt.succeeded();
    for (let i = 0; i < THROTTLE_LIMITS.accountFromAddress; i++)
      expect(await refusal("ok@example.com", "203.0.113.9")).toBeNull();
  });
});
