import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { unreachableChannels } from "../../../test/support/channels.js";
import {
  ChannelError,
  createChannelRegistry,
  type ChannelAdapter,
  type ChannelSession,
  type MetaChannel,
} from "../../channels/index.js";
import { allMigrations } from "../../main.js";
import { manualClock } from "../../platform/clock.js";
import { createVault, generateMasterKey, staticKeyring } from "../../platform/crypto/index.js";
import { createEventBus } from "../../platform/events/bus.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { checkConnection } from "./check-connection.js";
import { findConnection, upsertConnection } from "./connection.repo.js";
import type { MetaApp } from "./meta-app.js";
import { CONNECTION_RECORD, META_TOKEN } from "./workspace-channel.js";

const WS = asWorkspaceId("ws_check_channel");
const T0 = Date.UTC(2026, 11, 5);

/** A second provider whose account read answers as told: the key works, or it was revoked. */
function otherProvider(answer: () => Promise<unknown>): ChannelAdapter {
  const account = { get: answer } as unknown as ChannelSession["account"];
  return {
    id: "360dialog",
    capabilities: new Set(),
    session: (credentials, hooks) =>
      ({
        channel: "360dialog",
        accountId: credentials.accountId,
        account: {
          ...account,
          get: async () => {
            try {
              return (await answer()) as never;
            } catch (err) {
              if (err instanceof ChannelError && err.kind === "auth_lapsed") await hooks.onAuthLapsed(err);
              throw err;
            }
          },
        },
      }) as unknown as ChannelSession,
  };
}

/**
 * A connection through another channel holds that channel's key, not a Meta token: the scheduled
 * check asks the channel itself, never Meta's debug_token (which would call every such key invalid).
 */
describeEachDialect("checking a connection that goes through another channel", (dialect) => {
  let tdb: TestDatabase;
  const clock = manualClock(T0);
  const meta = { channel: unreachableChannels().get("meta") as MetaChannel } as MetaApp;

  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
  });
  afterEach(() => tdb.cleanup());

  async function connected(adapter: ChannelAdapter) {
    const vault = createVault({ db: tdb.db, keyring: staticKeyring(generateMasterKey()), clock });
    await tdb.db.transaction().execute(async (trx) => {
      await vault.createDataKey(trx, WS);
      await vault.putSecret(trx, WS, META_TOKEN, CONNECTION_RECORD, "d360-key");
      await upsertConnection(trx, WS, { status: "connected", channel: "360dialog", waba_id: "waba_1", updated_at: T0 });
    });
    const channels = createChannelRegistry([unreachableChannels().get("meta"), adapter]);
    return { db: tdb.db, vault, clock, events: createEventBus(), channels, meta };
  }

  it("a working key keeps the connection and records the check", async () => {
    const deps = await connected(otherProvider(async () => ({ id: "waba_1" })));
    expect(await checkConnection(deps, WS)).toEqual({ valid: true });
    expect(await findConnection(tdb.db, WS)).toMatchObject({ status: "connected", last_checked_at: T0 });
  });

  it("a revoked key marks the connection needs_reconnect, as a lapsed Meta token does", async () => {
    const revoked = () =>
      Promise.reject(new ChannelError({ channel: "360dialog", kind: "auth_lapsed", message: "key revoked" }));
    const deps = await connected(otherProvider(revoked));
    expect(await checkConnection(deps, WS)).toEqual({ valid: false, reason: "key revoked" });
    expect(await findConnection(tdb.db, WS)).toMatchObject({ status: "needs_reconnect", last_error: "key revoked" });
  });
});
