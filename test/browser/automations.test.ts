// Acceptance 6 (issue 18): "create the abandoned-cart recipe, dry-run it, enable it, watch the funnel move."
import { describe, expect, it } from "vitest";
import { apart, attemptCounter, browserSuite, logIn, openPage } from "./support.js";
import { approvedTemplate, connectedWorkspace, type Workspace } from "./workspace-setup.js";

describe("Automations page in headless Chromium", () => {
  let ws: Workspace;

  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
    for (const n of ["a", "b", "c"])
      await approvedTemplate(ws, `cart_${n}`, "Hi {{1}}, your cart: {{2}} is waiting.", ["Ana", "x"]);
  });

  const attempts = attemptCounter();
  it("creates the abandoned-cart recipe with the workspace's templates, dry-runs it, enables it and the funnel counts the journey", async () => {
    // A retry (CI retries once) runs in the same Wharf: the first attempt's automation is archived
    // (the recipe's name would be listed twice, and its journey would count); the contact and the
    // checkout are new.
    const attempt = attempts();
    const phone = `+1555020000${attempt}`;
    const checkout = apart(attempt, "chk_browser", "_");
    for (const { id } of (await ws.api.call("GET", "/v1/automations")).body.data as { id: string }[])
      expect((await ws.api.call("DELETE", `/v1/automations/${id}`)).status).toBe(200);
    const contact = await ws.api.call("POST", "/v1/contacts", {
      phone,
      name: "Ana Lima",
      consent: { marketing: "opted_in" },
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);

    const page = await openPage(suite.browser, `${suite.wharf.url}/#/automations`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("heading", { level: 1, name: "Automations" }).waitFor();
    await page.getByRole("button", { name: "Use “Abandoned cart (15 min, 1 h, 24 h)”" }).click();
    for (const [label, name] of [
      ["First reminder", "cart_a"],
      ["Second reminder", "cart_b"],
      ["Last reminder", "cart_c"],
    ] as const)
      await page.getByLabel(`Template for ${label}`).selectOption(`${name}|en_US`);
    await page.getByRole("button", { name: "Save automation" }).click();
    await page.getByRole("heading", { level: 2, name: "Abandoned cart" }).waitFor();

    await page.getByLabel("Dry-run contact").fill(phone);
    await page.getByRole("button", { name: "Dry run" }).click();
    const result = page.getByLabel("Dry-run result");
    await result.getByText("The contact would enter.").waitFor();
    expect(await result.locator("pre").count()).toBe(3); // the three rendered reminders
    expect(await result.textContent()).toContain('"text": "Ana"');

    await page.getByRole("button", { name: "Enable Abandoned cart" }).click();
    await page.getByRole("button", { name: "Pause Abandoned cart" }).waitFor();
    await expect.poll(() => page.getByTestId("funnel-entered").textContent()).toBe("0");

    const ev = await ws.api.call("POST", "/v1/events", {
      type: "checkout.created",
      contact: { phone },
      data: { checkoutToken: checkout, recoveryUrl: `https://shop.example/r/${checkout}` },
    });
    expect(ev.status).toBe(202);
    // The funnel is re-read every 3 s: the journey shows without a reload.
    await expect.poll(() => page.getByTestId("funnel-entered").textContent(), { timeout: 60_000 }).toBe("1");
    await expect.poll(() => page.getByTestId("funnel-wait_15m").textContent(), { timeout: 60_000 }).toBe("1");
    expect(suite.pageErrors).toEqual([]);
  });
});
