// Issue 20: the analytics page: dates, grouping by template, the funnel, failure reasons by Meta
// code with what each means, and a CSV download.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { WorkspaceId } from "../../src/platform/workspace-id.js";
import { campaignMessageRow } from "../support/message-rows.js";
import { browserSuite, logIn, openPage } from "./support.js";

describe("Analytics page in headless Chromium", () => {
  const suite = browserSuite(async (wharf) => {
    const ws = wharf.demo.workspaceId as WorkspaceId;
    const now = Date.now();
    const rows = [
      campaignMessageRow(ws, "r1", "cmp_x", {
        status: "read",
        status_rank: 4,
        template_name: "order_update",
        created_at: now,
      }),
      campaignMessageRow(ws, "r2", "cmp_x", {
        status: "delivered",
        status_rank: 3,
        template_name: "order_update",
        created_at: now,
      }),
      campaignMessageRow(ws, "r3", "cmp_x", {
        status: "failed",
        status_rank: 5,
        template_name: "order_update",
        meta_error_code: 131026,
        error_code: "META_REJECTED",
        created_at: now,
      }),
    ];
    await wharf.wharf.database.db
      .insertInto("messages" as never)
      .values(rows as never)
      .execute();
  });

  it(
    "shows the funnel, the table by template, why messages failed, and downloads a CSV",
    { timeout: 90_000 },
    async () => {
      const page = await openPage(suite.browser, `${suite.wharf.url}/#/analytics`, suite.pageErrors);
      await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
      await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
      await page.getByLabel("By").selectOption("template");
      const row = page.getByRole("row", { name: /order_update/ });
      await row.waitFor();
      expect(await row.getByRole("cell").allInnerTexts()).toEqual(["3", "2", "2 (100%)", "1 (50%)", "1"]);
      await page.getByRole("list", { name: "Funnel" }).getByText("Read").waitFor();
      await page.getByText(/131026.*Undeliverable/).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download CSV" }).click(),
      ]);
      const text = fs.readFileSync(await download.path(), "utf8");
      expect(text.split("\n")).toEqual(["group,total,sent,delivered,read,failed", "order_update,3,2,2,1,1"]);
      await page.screenshot({ path: "/tmp/wharf-analytics.png", fullPage: true });
      await page.close();
    },
  );
});
