// Issue 11, finding 6: media a customer sends must not run as script on Wharf's origin. Checked in
// a real browser: an SVG or HTML file framed by, or opened from, a page of Wharf's origin does
// nothing (it is a download, nosniff, CSP sandbox).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, inboxHarness } from "../api/support/inbox-harness.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { launchChromium } from "./support.js";
import type { Json } from "../support/json.js";

describe("inbound media in headless Chromium (security)", () => {
  let w: StartedWharf;
  const h = inboxHarness(() => w);
  let browser: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    w = await startWharf();
    const connected = await h.connect(w.demo.apiKey);
    const files: Record<string, string> = {
      "image/svg+xml": `<svg xmlns="http://www.w3.org/2000/svg" onload="parent.pwned='svg'"><script>parent.pwned='svg-script'</script></svg>`,
      "text/html": `<script>parent.pwned='html'</script>`,
    };
    let n = 0;
    for (const [mimeType, body] of Object.entries(files)) {
      const from = `1555044${String(++n).padStart(4, "0")}`;
      await h.emulator("/inbound", {
        phoneNumberId: connected.metaPhoneNumberId,
        from: `+${from}`,
        media: { mimeType, base64: Buffer.from(body).toString("base64"), kind: "document" },
      });
      const msg = (await h.emulator("/inbound")).data.find((m: Json) => m.from === from).message;
      ids[mimeType] = msg[msg.type].id;
      await eventually(
        () => h.api("GET", `/v1/conversations?waId=${from}`, w.demo.apiKey),
        (r) => r.body.data.length === 1,
      );
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it("framed from Wharf's own origin, neither an SVG nor an HTML file runs its script", async () => {
    const context = await browser.newContext({
      extraHTTPHeaders: { authorization: `Bearer ${w.demo.apiKey}` },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${w.url}/healthz`);
    for (const id of Object.values(ids)) {
      // A string, run in the page: the test's own TypeScript has no DOM types.
      await page.evaluate(
        `(() => { const f = document.createElement("iframe"); f.src = "/v1/media/inbound/${id}"; document.body.appendChild(f); })()`,
      );
    }
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => (globalThis as Record<string, unknown>)["pwned"] ?? null)).toBeNull();

    // Opened directly, the file is a download, not a page.
    const download = page.waitForEvent("download");
    await page.goto(`${w.url}/v1/media/inbound/${ids["image/svg+xml"]}`).catch(() => undefined);
    expect((await download).suggestedFilename()).toMatch(/^media-\d+\.bin$/);
    await context.close();
  });
});
