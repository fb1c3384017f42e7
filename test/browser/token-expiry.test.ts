// Issue 14, item 3: a user token (a login without an Embedded Signup configuration, made long-lived
// with Meta's fb_exchange_token) lasts about 60 days. In its last week the dashboard says so on every
// page and on the connection card, with a Reconnect button, before sending would stop.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { connectAndActivate } from "../support/connect.js";
import { browserSuite, logIn, openPage } from "./support.js";

describe("a token in its last week, in headless Chromium", () => {
  const suite = browserSuite(async (wharf) => {
    await connectAndActivate(wharf.url, wharf.demo.apiKey);
  });

  const setExpiry = (at: number) =>
    sql`update connections set token_expires_at = ${at} where workspace_id = ${suite.wharf.demo.workspaceId}`.execute(
      suite.wharf.wharf.database.db,
    );

  it("warns on every page and on the connection card, and offers Reconnect", async () => {
    const warning = "Meta's token for WhatsApp expires within a week";
    await setExpiry(Date.now() + 50 * 24 * 3_600_000);
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/settings/whatsapp`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    const account = page.getByRole("region", { name: "WhatsApp Business Account" });
    await account.getByText("Connected", { exact: true }).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: warning }).count()).toBe(0);
    expect(await account.getByRole("button", { name: "Reconnect" }).count()).toBe(0);

    await setExpiry(Date.now() + 3 * 24 * 3_600_000);
    await page.reload();
    await page.getByRole("alert").filter({ hasText: warning }).waitFor();
    await account.getByRole("alert").filter({ hasText: "Reconnect before then, or sending stops" }).waitFor();
    await account.getByRole("button", { name: "Reconnect" }).waitFor();
    await page.screenshot({ path: "/tmp/wharf-token-expiring.png", fullPage: true });
    expect(suite.pageErrors.map((e) => e.message)).toEqual([]);
    await page.context().close();
  }, 90_000);
});
