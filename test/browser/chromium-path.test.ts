import { afterEach, describe, expect, it } from "vitest";
import { chromiumPath, launchChromium } from "./support.js";

describe("CHROMIUM_PATH chooses the browser the tests launch", () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it("defaults to Debian's /usr/bin/chromium, and an empty value counts as unset", () => {
    expect(chromiumPath({})).toBe("/usr/bin/chromium");
    expect(chromiumPath({ CHROMIUM_PATH: "" })).toBe("/usr/bin/chromium");
    expect(chromiumPath({ CHROMIUM_PATH: "/opt/chromium/chrome" })).toBe("/opt/chromium/chrome");
  });

  it("the launch uses it: a path with no browser makes the launch fail naming that path", async () => {
    process.env.CHROMIUM_PATH = "/nonexistent/wharf-test-chromium";
    const launched = await launchChromium().then(
      async (browser) => {
        await browser.close(); // the path was ignored: do not leave a browser behind
        return null;
      },
      (err: unknown) => err,
    );
    expect(String(launched)).toMatch(/nonexistent\/wharf-test-chromium/);
  });
});
