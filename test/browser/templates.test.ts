// Acceptance (issue 7): "Browser test of the Templates page: build, preview, submit, see PENDING
// turn APPROVED live." Also: Meta's reason for a rejected template, a server field error shown
// next to its field, an image header uploaded with a progress bar, and delete.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apart, attemptCounter, browserSuite, logIn, openPage } from "./support.js";
import { connectedWorkspace, noisyPng, review, type Workspace } from "./workspace-setup.js";

describe("Templates page in headless Chromium", () => {
  let ws: Workspace;

  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
  });

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/wharf-templates-${name}.png`, fullPage: true });
  const row = (page: Page, name: string) =>
    page
      .getByRole("table", { name: "Templates" })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  const preview = (page: Page) => page.getByRole("figure", { name: "WhatsApp preview" });
  /** The text of the elements that describe a field (its hint and the server's errors). */
  const description = async (page: Page, field: Locator) => {
    const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
    return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(" ");
  };

  async function openTemplates(): Promise<Page> {
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/templates`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("heading", { level: 1, name: "Templates" }).waitFor();
    // Set once: if the page reloaded, it would be gone.
    await page.evaluate(() => ((globalThis as Record<string, unknown>)["wharfNoReload"] = true));
    return page;
  }
  const notReloaded = (page: Page) =>
    page.evaluate(() => (globalThis as Record<string, unknown>)["wharfNoReload"] === true);

  // A retried attempt (CI retries once) submits its template under a name of its own: the first
  // attempt's may already be taken.
  const firstAttempt = attemptCounter();
  it("builds a template with a live preview, shows a field error, submits it, and sees PENDING turn APPROVED live", async () => {
    const template = apart(firstAttempt(), "order_update", "_");
    const page = await openTemplates();
    await page.getByRole("button", { name: "New template" }).click();
    const builder = page.getByRole("region", { name: "New template" });

    await builder.getByLabel("Template name").fill("Order Update");
    await builder.getByLabel("Header type").selectOption("TEXT");
    await builder.getByLabel("Header text").fill("Order {{1}}");
    await builder.getByLabel("Body", { exact: true }).fill("Hi {{1}}, your order *{{2}}* has shipped.");
    // Before the samples, the preview shows the variables themselves.
    await preview(page).locator("mark", { hasText: "{{2}}" }).waitFor();
    await builder.getByLabel("Header sample for {{1}}").fill("A-17");
    await builder.getByLabel("Body sample for {{1}}").fill("Ana");
    await builder.getByLabel("Body sample for {{2}}").fill("860198");
    await builder.getByLabel("Footer (optional)").fill("Reply STOP to opt out");
    await builder.getByRole("button", { name: "Add button" }).click();
    await builder.getByLabel("Button 1 text").fill("Stop updates");
    await builder.getByRole("button", { name: "Add button" }).click();
    await builder.getByLabel("Button 2 type").selectOption("URL");
    await builder.getByLabel("Button 2 text").fill("Track");
    await builder.getByLabel("Button 2 URL", { exact: true }).fill("https://shop.example/t/{{1}}");
    await builder.getByLabel("Button 2 sample URL").fill("https://shop.example/t/A17");

    // The preview follows every keystroke: header, body with bold, footer and both buttons.
    expect(await preview(page).locator(".wa-header").textContent()).toBe("Order A-17");
    expect(await preview(page).locator(".wa-body").textContent()).toBe("Hi Ana, your order 860198 has shipped.");
    expect(await preview(page).locator(".wa-body strong").textContent()).toBe("860198");
    expect(await preview(page).locator(".wa-footer").textContent()).toBe("Reply STOP to opt out");
    expect((await preview(page).locator(".wa-button").allTextContents()).map((t) => t.trim())).toEqual([
      "↩ Stop updates",
      "↗ Track",
    ]);
    await shoot(page, "1-builder");

    // The server refuses the name; its message is shown next to the name field.
    await builder.getByRole("button", { name: "Submit for review" }).click();
    await builder.getByRole("alert").filter({ hasText: "breaks Meta's rules" }).waitFor();
    const name = builder.getByLabel("Template name");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await description(page, name)).toContain("Use only lowercase letters, digits and underscores");
    await shoot(page, "2-field-error");

    await name.fill(template);
    await builder.getByRole("button", { name: "Submit for review" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${template} is submitted to Meta for review` })
      .waitFor();
    await row(page, template).getByText("Pending", { exact: true }).waitFor();
    await shoot(page, "3-pending");

    // Meta's reviewer approves: the badge changes on the open page.
    await review(ws, template, "APPROVED");
    await row(page, template).getByText("Approved", { exact: true }).waitFor();
    expect(await notReloaded(page)).toBe(true);
    await row(page, template).getByRole("button", { name: "Preview" }).click();
    await page
      .getByRole("figure", { name: `Preview of ${template}`, exact: true })
      .getByText("Hi Ana, your order 860198 has shipped.")
      .waitFor();
    await shoot(page, "4-approved");
    await page.context().close();
  }, 90_000);

  const secondAttempt = attemptCounter();
  it("shows Meta's reason for a rejected template, live", async () => {
    const template = apart(secondAttempt(), "spring_sale", "_");
    const created = await ws.api.call("POST", "/v1/templates", {
      name: template,
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Our spring sale starts today: 20% off everything." }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const page = await openTemplates();
    await row(page, template).getByText("Pending", { exact: true }).waitFor();

    await review(ws, template, "REJECTED", "INCORRECT_CATEGORY");
    await row(page, template).getByText("Rejected", { exact: true }).waitFor();
    await row(page, template).getByText("Meta's reason: Incorrect category").waitFor();
    expect(await notReloaded(page)).toBe(true);
    await shoot(page, "5-rejected");
    await page.context().close();
  }, 60_000);

  const thirdAttempt = attemptCounter();
  it("uploads an image header with a progress bar, previews the image, submits, syncs and deletes", async () => {
    const template = apart(thirdAttempt(), "summer_banner", "_");
    const page = await openTemplates();
    await page.getByRole("button", { name: "New template" }).click();
    const builder = page.getByRole("region", { name: "New template" });
    await builder.getByLabel("Template name").fill(template);
    await builder.getByLabel("Category").selectOption("MARKETING");
    await builder.getByLabel("Header type").selectOption("IMAGE");

    // Every value the bar takes, recorded in the page as the upload runs.
    await page.evaluate(`(() => {
      const seen = (globalThis.wharfProgress = []);
      new MutationObserver(() => {
        const bar = document.querySelector(".upload-progress progress");
        if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
      }).observe(document, { subtree: true, childList: true, attributes: true });
    })()`);
    // A slow uplink (about 1.5 MB/s), so the upload takes a couple of seconds and reports progress in steps.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1_500_000,
    });
    await builder
      .getByLabel("Sample file")
      .setInputFiles({ name: "summer.png", mimeType: "image/png", buffer: noisyPng(1400, 900) });
    await builder
      .getByRole("status")
      .filter({ hasText: /Uploading summer\.png: [1-9]\d?%/ })
      .waitFor();
    await shoot(page, "6-uploading");
    await builder
      .getByRole("status")
      .filter({ hasText: "summer.png is uploaded to Meta." })
      .waitFor({ timeout: 20_000 });
    expect(
      await builder
        .getByRole("progressbar", { name: "Upload of summer.png" })
        .evaluate((bar) => (bar as unknown as { value: number }).value),
    ).toBe(1);
    const seen = (await page.evaluate(() => (globalThis as Record<string, unknown>)["wharfProgress"])) as number[];
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(seen.filter((value) => value > 0 && value < 1).length).toBeGreaterThan(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await preview(page).getByRole("img", { name: "Header image: summer.png" }).waitFor();

    await builder.getByLabel("Body", { exact: true }).fill("Hello {{1}}, our summer sale starts today.");
    await builder.getByLabel("Body sample for {{1}}").fill("Ana");
    await shoot(page, "7-image-header");
    await builder.getByRole("button", { name: "Submit for review" }).click();
    await row(page, template).getByText("Pending", { exact: true }).waitFor();
    const stored = (await ws.api.call("GET", `/v1/templates?name=${template}`)).body.data[0];
    expect(stored.components[0]).toMatchObject({
      type: "HEADER",
      format: "IMAGE",
      example: { header_handle: [expect.any(String)] },
    });

    await page.getByRole("button", { name: "Sync" }).click();
    await page.getByRole("status").filter({ hasText: "Synced with Meta:" }).waitFor();

    await row(page, template).getByRole("button", { name: "Delete" }).click();
    await page
      .getByRole("group", { name: `Delete ${template}` })
      .getByRole("button", { name: "Yes, delete" })
      .click();
    await page
      .getByRole("status")
      .filter({ hasText: `${template} is deleted.` })
      .waitFor();
    await row(page, template).waitFor({ state: "detached" });
    await page.context().close();
  }, 90_000);
  // Meta, "Copy code authentication templates": the body is Meta's preset "{{1}} is your verification
  // code." with the optional security recommendation and expiry notice; the request has a BODY without
  // text, a FOOTER with code_expiration_minutes and one OTP button.
  const fourthAttempt = attemptCounter();
  it("builds an authentication template: preset text in the preview, copy-code or one-tap button, submitted in Meta's form", async () => {
    const template = apart(fourthAttempt(), "login_code", "_");
    const page = await openTemplates();
    await page.getByRole("button", { name: "New template" }).click();
    const builder = page.getByRole("region", { name: "New template" });
    await builder.getByLabel("Template name").fill(template);
    await builder.getByLabel("Category").selectOption("AUTHENTICATION");
    // Meta writes the text: there is no body, header or variables field to fill.
    expect(await builder.getByLabel("Body", { exact: true }).count()).toBe(0);
    expect(await builder.getByLabel("Header type").count()).toBe(0);
    expect(await preview(page).locator(".wa-body").textContent()).toBe(
      "123456 is your verification code. For your security, do not share this code.",
    );
    expect(await preview(page).locator(".wa-footer").textContent()).toBe("This code expires in 10 minutes.");
    await builder.getByLabel("Add security recommendation").uncheck();
    await builder.getByLabel("Code expires in (minutes)").fill("5");
    expect(await preview(page).locator(".wa-body").textContent()).toBe("123456 is your verification code.");
    expect(await preview(page).locator(".wa-footer").textContent()).toBe("This code expires in 5 minutes.");
    expect((await preview(page).locator(".wa-button").allTextContents()).map((t) => t.trim())).toEqual(["⧉ Copy code"]);
    await builder.getByLabel("Code button").selectOption("ONE_TAP");
    await builder.getByLabel("Autofill button text").fill("Fill in code");
    expect((await preview(page).locator(".wa-button").allTextContents()).map((t) => t.trim())).toEqual([
      "⧉ Fill in code",
    ]);
    // One-tap without the Android app: the server names the field.
    await builder.getByRole("button", { name: "Submit for review" }).click();
    await builder.getByRole("alert").filter({ hasText: "breaks Meta's rules" }).waitFor();
    expect(await description(page, builder.getByLabel("Android package name"))).toContain("supported_apps");
    await builder.getByLabel("Android package name").fill("com.example.shop");
    await builder.getByLabel("App signature hash").fill("K8a/AINcGX7");
    await shoot(page, "8-authentication");
    await builder.getByRole("button", { name: "Submit for review" }).click();
    await row(page, template).getByText("Pending", { exact: true }).waitFor();
    const stored = (await ws.api.call("GET", `/v1/templates?name=${template}`)).body.data[0];
    expect(stored.category).toBe("AUTHENTICATION");
    expect(stored.components).toEqual([
      { type: "BODY", add_security_recommendation: false },
      { type: "FOOTER", code_expiration_minutes: 5 },
      {
        type: "BUTTONS",
        buttons: [
          {
            type: "OTP",
            otp_type: "ONE_TAP",
            text: "Copy code",
            autofill_text: "Fill in code",
            supported_apps: [{ package_name: "com.example.shop", signature_hash: "K8a/AINcGX7" }],
          },
        ],
      },
    ]);
    await page.context().close();
  }, 90_000);
  // Meta, "Limited-time offer templates": MARKETING only, the offer text (<= 16 characters) with an
  // optional expiry countdown, no footer, a copy-code button first (required with the countdown) and
  // a URL button.
  const fifthAttempt = attemptCounter();
  it("builds a limited-time offer: offer text and countdown in the preview, no footer, copy code first, submitted in Meta's form", async () => {
    const template = apart(fifthAttempt(), "caribbean_offer", "_");
    const page = await openTemplates();
    await page.getByRole("button", { name: "New template" }).click();
    const builder = page.getByRole("region", { name: "New template" });
    await builder.getByLabel("Template name").fill(template);
    expect(await builder.getByLabel("Make this a limited-time offer").count()).toBe(0);
    await builder.getByLabel("Category").selectOption("MARKETING");
    await builder.getByLabel("Make this a limited-time offer").check();
    expect(await builder.getByLabel("Footer (optional)").count()).toBe(0);
    await builder.getByLabel("Offer text").fill("Expiring offer!");
    await builder.getByLabel("Body", { exact: true }).fill("Good news, {{1}}! Use code CARIBE25 for 25% off.");
    await builder.getByLabel("Body sample for {{1}}").fill("Pablo");
    await builder.getByRole("button", { name: "Add button" }).click();
    await builder.getByLabel("Button 1 type").selectOption("URL");
    await builder.getByLabel("Button 1 text").fill("Book now");
    await builder.getByLabel("Button 1 URL", { exact: true }).fill("https://shop.example/offers");
    expect(await preview(page).locator(".wa-offer").textContent()).toContain("Expiring offer!");
    // The countdown needs the offer code's copy button: the server says so, next to the offer.
    await builder.getByRole("button", { name: "Submit for review" }).click();
    await builder.getByRole("alert").filter({ hasText: "breaks Meta's rules" }).waitFor();
    expect(await builder.getByText("needs a copy-code button").count()).toBeGreaterThan(0);
    await builder.getByLabel("Offer code sample").fill("CARIBE25");
    expect((await preview(page).locator(".wa-button").allTextContents()).map((t) => t.trim())).toEqual([
      "⧉ Copy offer code",
      "↗ Book now",
    ]);
    await shoot(page, "9-limited-time-offer");
    await builder.getByRole("button", { name: "Submit for review" }).click();
    await row(page, template).getByText("Pending", { exact: true }).waitFor();
    const stored = (await ws.api.call("GET", `/v1/templates?name=${template}`)).body.data[0];
    expect(stored.category).toBe("MARKETING");
    expect(stored.components).toEqual([
      { type: "LIMITED_TIME_OFFER", limited_time_offer: { text: "Expiring offer!", has_expiration: true } },
      {
        type: "BODY",
        text: "Good news, {{1}}! Use code CARIBE25 for 25% off.",
        example: { body_text: [["Pablo"]] },
      },
      {
        type: "BUTTONS",
        buttons: [
          { type: "COPY_CODE", example: "CARIBE25" },
          { type: "URL", text: "Book now", url: "https://shop.example/offers" },
        ],
      },
    ]);
    await page.context().close();
  }, 90_000);
});
