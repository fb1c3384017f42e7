import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIRECT, startHarness, V, type Harness } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const dialogQuery = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    client_id: h.server.appId,
    redirect_uri: REDIRECT,
    state: "csrf-123",
    config_id: "cfg-1",
    response_type: "code",
    ...overrides,
  });

describe("login dialog page", () => {
  it("names the app, the business and every permission, with a Continue button posting to approve", async () => {
    const page = await h.call("GET", `/${V}/dialog/oauth?${dialogQuery()}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    for (const text of [
      "Wharf Emulator App",
      "Jasper&#39;s Market",
      "whatsapp_business_management",
      "whatsapp_business_messaging",
      "catalog_management",
      "Continue",
    ]) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toContain(`action="${h.url}/${V}/dialog/oauth/approve"`);
    expect(page.text).toContain('name="state" value="csrf-123"');
  });

  it("refuses an unknown client_id with Meta's code 101, as a page or as JSON", async () => {
    const page = await h.call("GET", `/${V}/dialog/oauth?${dialogQuery({ client_id: "999" })}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('data-error-code="101"');
    const json = await h.call("GET", `/${V}/dialog/oauth?${dialogQuery({ client_id: "999" })}`, {
      headers: { accept: "application/json" },
    });
    expect(json.status).toBe(400);
    expect(json.body.error).toMatchObject({ code: 101, type: "OAuthException" });
    expect(json.body.error.fbtrace_id).toMatch(/^[A-Za-z0-9]{11}$/);
  });

  it("refuses a redirect_uri the app does not allow with code 191, on the page and on approve", async () => {
    const page = await h.call("GET", `/${V}/dialog/oauth?${dialogQuery({ redirect_uri: "https://evil.example/cb" })}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('data-error-code="191"');
    const approve = await h.call("POST", `/${V}/dialog/oauth/approve`, {
      form: Object.fromEntries(dialogQuery({ redirect_uri: "https://evil.example/cb" })),
    });
    expect(approve.status).toBe(400);
    expect(approve.headers.get("location")).toBeNull();
  });
});

describe("approve", () => {
  it("answers 302 to redirect_uri with a code and the same state", async () => {
    const res = await h.call("POST", `/${V}/dialog/oauth/approve`, { form: Object.fromEntries(dialogQuery()) });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get("state")).toBe("csrf-123");
    expect(location.searchParams.get("code")).toMatch(/^[A-Za-z0-9]{20,}$/);
  });

  it("sends the user back with error=access_denied when they cancel", async () => {
    const res = await h.call("POST", `/${V}/dialog/oauth/approve`, {
      form: { ...Object.fromEntries(dialogQuery()), action: "cancel" },
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_reason")).toBe("user_denied");
    expect(location.searchParams.get("code")).toBeNull();
    expect(location.searchParams.get("state")).toBe("csrf-123");
  });
});
