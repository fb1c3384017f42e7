// Issue 11: a team is built by invitation. In headless Chromium the owner invites, the invitee
// accepts the link in another browser (creating their account), the owner changes the role and
// removes them, and an API key is created once and revoked.
import { describe, expect, it } from "vitest";
import { apart, attemptCounter, browserSuite, logIn, openPage } from "./support.js";

describe("Settings → Team in headless Chromium", () => {
  const suite = browserSuite();

  const inviteAttempt = attemptCounter();
  it("invites, the invitee accepts in their own suite.browser, the owner changes the role and removes them", async () => {
    // A retried attempt invites someone new: the first attempt's invitee may be invited, or have an account.
    const email = `${apart(inviteAttempt(), "newcomer", "")}@team.test`;
    const owner = await openPage(suite.browser, `${suite.wharf.url}/#/settings/team`, suite.pageErrors);
    await logIn(owner, suite.wharf.demo.email, suite.wharf.demo.password);
    await owner.getByRole("heading", { level: 1, name: "Team" }).waitFor();
    const invite = owner.getByRole("region", { name: "Invite someone" });
    await invite.getByLabel("Email").fill(email);
    await invite.getByLabel("Role").selectOption("agent");
    await invite.getByRole("button", { name: "Invite" }).click();
    const link = await owner.getByLabel("Invitation link").inputValue();
    expect(link).toContain("#/invitation?token=");
    await owner.getByRole("list", { name: "Open invitations" }).getByText(email).waitFor();

    const invitee = await openPage(suite.browser, link, suite.pageErrors);
    await invitee.getByRole("heading", { name: "Join a workspace" }).waitFor();
    await invitee.getByLabel("Your name").fill("New Comer");
    await invitee.getByLabel("Password").fill("newcomer-password");
    await invitee.getByRole("button", { name: "Create account and join" }).click();
    await invitee.getByRole("navigation", { name: "Main" }).waitFor();
    expect(await invitee.locator(".role").textContent()).toBe("agent");

    await owner.reload();
    const members = owner.getByRole("table", { name: "Members" });
    const row = members.getByRole("row").filter({ hasText: email });
    await row.getByLabel(`Role of ${email}`).selectOption("admin");
    await expect
      .poll(
        async () =>
          (
            (await fetch(`${suite.wharf.url}/v1/users`, {
              headers: { authorization: `Bearer ${suite.wharf.demo.apiKey}` },
            }).then((r) => r.json())) as { data: Array<{ email: string; role: string }> }
          ).data.find((u: { email: string }) => u.email === email)?.role,
      )
      .toBe("admin");
    await row.getByRole("button", { name: "Remove" }).click();
    await row.waitFor({ state: "detached" });
    // The removed member's open dashboard is logged out at its next call.
    await invitee.reload();
    await invitee.getByRole("heading", { name: "Log in" }).waitFor();
    await owner.context().close();
    await invitee.context().close();
  }, 90_000);

  const keyAttempt = attemptCounter();
  it("creates an API key shown once, and revokes it", async () => {
    // A retried attempt's key has a label of its own: the first attempt's row is still listed.
    const label = apart(keyAttempt(), "Browser test");
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/settings/team`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    const keys = page.getByRole("region", { name: "API keys" });
    await keys.getByLabel("Label").fill(label);
    await keys.getByRole("button", { name: "Create key" }).click();
    const key = await page.getByLabel("New API key").inputValue();
    expect(
      (await fetch(`${suite.wharf.url}/v1/workspace`, { headers: { authorization: `Bearer ${key}` } })).status,
    ).toBe(200);
    const row = keys.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
    await row.getByRole("button", { name: "Revoke" }).click();
    await row.getByText(/revoked/).waitFor();
    expect(
      (await fetch(`${suite.wharf.url}/v1/workspace`, { headers: { authorization: `Bearer ${key}` } })).status,
    ).toBe(401);
    await page.context().close();
  }, 60_000);
});
