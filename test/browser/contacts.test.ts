// Acceptance (issue 17, dashboard): "Contacts page search, import with preview and progress,
// consent shown in the inbox." Also: a contact's profile with its consent history, an edit
// recorded with the dashboard as the source, "load more" paging, and a delete that says what it erases.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually } from "../support/api-client.js";
import { apart, attemptCounter, browserSuite, logIn, openPage } from "./support.js";
import { acceptedByMeta, approvedTemplate, connectedWorkspace, type Workspace } from "./workspace-setup.js";

describe("Contacts pages in headless Chromium", () => {
  let ws: Workspace;

  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
  });

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/wharf-contacts-${name}.png`, fullPage: true });
  async function open(hash: string, heading: string): Promise<Page> {
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/${hash}`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    return page;
  }
  const table = (page: Page) => page.getByRole("table", { name: "Contacts" });
  const names = async (page: Page) =>
    (await table(page).locator("tbody th").allTextContents()).map((s) => s.trim()).sort();
  async function search(page: Page, fields: { q?: string; tag?: string; consent?: string }) {
    const form = page.getByRole("search", { name: "Search contacts" });
    await form.getByLabel("Search").fill(fields.q ?? "");
    await form.getByLabel("Tag").fill(fields.tag ?? "");
    await form.getByLabel("Marketing consent").selectOption(fields.consent ?? "");
    await form.getByRole("button", { name: "Search" }).click();
  }
  /** Erases contacts a failed first attempt left (a retry runs in the same Wharf); absent ones answer 404. */
  const erase = async (phones: string[]) => {
    for (const phone of phones) await ws.api.call("DELETE", `/v1/contacts/${phone}`);
  };
  const create = async (contact: Record<string, unknown>) => {
    const created = await ws.api.call("POST", "/v1/contacts", contact);
    if (created.status !== 201) throw new Error(`contact: ${JSON.stringify(created.body)}`);
    return created.body as { id: string };
  };

  it("searches by name, phone and email, filters by tag and consent, and opens a profile", async () => {
    await erase(["+15550100001", "+15550100002", "+15550100003"]);
    await create({ phone: "+15550100001", name: "Ada Lovelace", email: "ada@example.com", tags: ["vip"] });
    await create({ phone: "15550100002", name: "Bob Stone", email: "bob@shop.test", tags: ["wholesale"] });
    await create({ phone: "+15550100003", email: "carol@example.org" });
    await ws.api.call("PATCH", "/v1/contacts/+15550100002", { consent: { marketing: "opted_out" } });

    const page = await open("contacts", "Contacts");
    await expect.poll(() => names(page)).toEqual(["Ada Lovelace", "Bob Stone", "No name"]);
    await shoot(page, "1-list");

    await search(page, { q: "lovelace" });
    await expect.poll(() => names(page)).toEqual(["Ada Lovelace"]);
    await search(page, { q: "0100002" });
    await expect.poll(() => names(page)).toEqual(["Bob Stone"]);
    await search(page, { q: "example.org" });
    await expect.poll(() => names(page)).toEqual(["No name"]);
    expect(await table(page).getByText("+15550100003").count()).toBe(1);
    await search(page, { q: "nobody-here" });
    await page.getByText("No contact matches this search.").waitFor();
    await search(page, { tag: "vip" });
    await expect.poll(() => names(page)).toEqual(["Ada Lovelace"]);
    await search(page, { consent: "opted_out" });
    await expect.poll(() => names(page)).toEqual(["Bob Stone"]);
    // The search is in the address: a reload keeps it.
    expect(page.url()).toContain("consent=opted_out");
    await page.reload();
    await expect.poll(() => names(page)).toEqual(["Bob Stone"]);
    await shoot(page, "2-filtered");
    // Export takes the same filter: the file has Bob and nobody else.
    const exportHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const exported = await page.request.get(`${suite.wharf.url}${exportHref}`);
    expect(exported.status()).toBe(200);
    const csvText = await exported.text();
    expect(csvText).toContain("+15550100002");
    expect(csvText).not.toContain("+15550100001");

    // The profile: details, consent with its history; an edit records the dashboard as the source.
    await table(page).getByRole("link", { name: "Bob Stone" }).click();
    await page.getByRole("heading", { level: 1, name: "Bob Stone" }).waitFor();
    const history = page.getByRole("list", { name: "Consent history" });
    await history.getByText("Opted out").waitFor();
    await page.getByRole("button", { name: "Edit" }).click();
    const form = page.getByRole("form", { name: "Edit contact" });
    await form.getByLabel("Name").fill("Bob Stone Jr");
    await form.getByLabel("Tags").fill("wholesale, lyon");
    await form.getByLabel("Marketing consent").selectOption("opted_in");
    await form.getByLabel("Proof").fill("Asked at the counter");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { level: 1, name: "Bob Stone Jr" }).waitFor();
    await history.getByText("Asked at the counter").waitFor();
    expect(await history.getByRole("listitem").first().textContent()).toMatch(/Opted in · Dashboard/);
    const saved = (await ws.api.call("GET", "/v1/contacts/15550100002")).body;
    expect(saved.name).toBe("Bob Stone Jr");
    expect([...saved.tags].sort()).toEqual(["lyon", "wholesale"]);
    expect(saved.consent).toMatchObject({ marketing: "opted_in", source: "dashboard" });
    await shoot(page, "3-profile");

    // Delete says what it erases, then the contact is gone.
    await page.getByRole("button", { name: "Delete contact" }).click();
    const confirm = page.getByRole("group", { name: "Delete Bob Stone Jr" });
    await confirm.getByText(/erases their name, phone number, email/).waitFor();
    await confirm.getByRole("button", { name: "Yes, erase this contact" }).click();
    await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
    expect((await ws.api.call("GET", "/v1/contacts/15550100002")).status).toBe(404);
    await page.context().close();
  }, 90_000);

  it("imports a CSV: preview with the column mapping, progress, then the per-row errors; the list pages", async () => {
    const phones = Array.from({ length: 60 }, (_, i) => `+1555020${String(i).padStart(4, "0")}`);
    const rows = phones.map((phone, i) => `${phone},Buyer ${i},Lyon,lyon,`);
    // Every row is a new contact: a retry first erases what a failed first attempt imported.
    await erase(["+15550300001", ...phones]);
    const csv = [
      "phone,name,city,tags,Notes",
      '+15550300001,"Lovelace, Ada",London,vip,"called twice, no answer"',
      "not-a-phone,Nobody,Paris,,",
      ...rows,
      ",No phone,Rome,,",
    ].join("\n");

    const page = await open("contacts/import", "Import contacts");
    await page.getByLabel("Contacts file").setInputFiles({
      name: "customers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    // The server's preview: where each column goes, and the first rows as they would be imported.
    const mapping = page.getByRole("table", { name: "Column mapping" });
    await expect.poll(() => mapping.getByLabel("Field for phone").inputValue()).toBe("phone");
    expect(await mapping.getByLabel("Field for city").inputValue()).toBe("attributes.city");
    expect(await mapping.getByLabel("Field for Notes").inputValue()).toBe("attributes.notes");
    const preview = page.getByRole("table", { name: "First rows" });
    const line = (n: number) =>
      preview.getByRole("row").filter({ has: page.getByRole("cell", { name: String(n), exact: true }) });
    await line(2).getByRole("cell", { name: "Lovelace, Ada" }).waitFor();
    await line(2).getByText("notes: called twice, no answer").waitFor();
    await line(3)
      .getByText(/not-a-phone/)
      .waitFor();
    // Notes are not for the contact: the mapping leaves them out, and the preview says so.
    await mapping.getByLabel("Field for Notes").selectOption("ignore");
    await expect
      .poll(() =>
        line(2)
          .getByText(/notes:/)
          .count(),
      )
      .toBe(0);
    await line(2).getByText("city: London").waitFor();
    expect(await preview.getByRole("row").count()).toBe(21); // the header and the first 20 rows
    await shoot(page, "4-import-preview");

    // The upload is held a moment so its progress shows.
    await page.route(/\/v1\/contacts\/imports$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.getByRole("button", { name: "Import customers.csv" }).click();
    await page
      .getByRole("status", { name: "Upload" })
      .getByText(/Importing…/)
      .waitFor();
    const progress = page.getByRole("status", { name: "Import progress" });
    await progress.getByText("63 row(s) read: 61 created, 0 updated, 2 failed.").waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/#\/contacts\/import\?import=/);
    const failed = page.getByRole("table", { name: "Rows that failed" });
    expect(await failed.locator("tbody tr td:first-child").allTextContents()).toEqual(["3", "64"]);
    await shoot(page, "5-import-done");
    const ada = (await ws.api.call("GET", "/v1/contacts/+15550300001")).body;
    expect(ada).toMatchObject({ name: "Lovelace, Ada", tags: ["vip"], attributes: { city: "London" } });
    expect(ada.attributes).not.toHaveProperty("notes");

    // 61 new contacts (and any an earlier test left): 50 on the first page, the rest on "Load more".
    let total = 0;
    for (let cursor: string | null = ""; cursor !== null;) {
      const page: { data: unknown[]; nextCursor: string | null } = (
        await ws.api.call("GET", `/v1/contacts?limit=200${cursor ? `&cursor=${cursor}` : ""}`)
      ).body;
      total += page.data.length;
      cursor = page.nextCursor;
    }
    expect(total).toBeGreaterThanOrEqual(61);
    expect(total).toBeLessThanOrEqual(100);
    await page.getByRole("link", { name: "See the contacts" }).click();
    await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
    await expect.poll(async () => (await names(page)).length).toBe(50);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(async () => (await names(page)).length).toBe(total);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(await table(page).getByRole("link", { name: "Buyer 59" }).count()).toBe(1);
    await page.context().close();
  }, 90_000);

  it("shows the contact beside the inbox thread, an opt-out marked plainly, a nameless number once", async () => {
    const writes = (from: string, text: string, name?: string) =>
      ws.api.emulator("POST", "/inbound", {
        phoneNumberId: ws.numbers.verified.metaPhoneNumberId,
        from,
        text,
        ...(name ? { name } : {}),
      });
    await writes("15550400001", "Hello", "Dee");
    await writes("15550400001", "STOP", "Dee");
    await writes("15550400002", "Hi, no name here");
    // The webhooks are processed in the background: wait for both conversations and the STOP.
    await eventually(
      async () => {
        const [dee, other] = await Promise.all([
          ws.api.call("GET", "/v1/contacts/15550400001"),
          ws.api.call("GET", "/v1/conversations?waId=15550400002"),
        ]);
        return dee.body?.consent?.marketing === "opted_out" && other.body?.data?.length === 1;
      },
      20_000,
      "the inbound messages processed",
    );

    const page = await openPage(suite.browser, suite.wharf.url, suite.pageErrors);
    // Meta names nearly every customer; one known only by number (the emulator always sends a
    // profile name) is made here by the server's answers losing the name.
    await page.route(/\/v1\/conversations(\/con_[^/]+)?(\?.*)?$/, async (route) => {
      if (route.request().method() !== "GET") return route.fallback();
      const response = await route.fetch();
      const body = await response.json();
      const nameless = (c: { contact: { waId: string } }) =>
        c.contact.waId === "15550400002" ? { ...c, contact: { ...c.contact, name: null } } : c;
      await route.fulfill({
        response,
        json: Array.isArray(body.data) ? { ...body, data: body.data.map(nameless) } : nameless(body),
      });
    });
    await page.goto(`${suite.wharf.url}/#/inbox`);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    const list = page.getByRole("navigation", { name: "Conversations" });
    await list.getByRole("link", { name: /Dee/ }).click();
    const card = page.getByRole("complementary", { name: "Contact" });
    await card.getByRole("status").filter({ hasText: "Opted out of marketing" }).waitFor();
    await card.getByText("+15550400001").waitFor();
    await shoot(page, "6-inbox-opted-out");

    await list.getByRole("link", { name: /\+15550400002/ }).click();
    await page.getByRole("heading", { level: 2, name: "+15550400002" }).waitFor();
    await card.getByText("Not asked").waitFor();
    expect(await card.getByText("Opted out of marketing").count()).toBe(0);
    expect(await page.locator(".thread-head").getByText("+15550400002").count()).toBe(1);
    await page.context().close();
  }, 60_000);

  const segmentAttempt = attemptCounter();
  it("saves a segment with a live count, lists its members, and sends a campaign to it", async () => {
    // A retried attempt has a template, contacts, a tag and a segment of its own: the first
    // attempt's are still there, and its campaign's messages are at Meta.
    const attempt = segmentAttempt();
    const template = apart(attempt, "spring_sale", "_");
    const tag = apart(attempt, "spring", "");
    const segment = apart(attempt, "Spring buyers");
    const phone = (n: number) => `+1555050${attempt - 1}00${n}`;
    await approvedTemplate(ws, template, "Our spring sale starts today.", []);
    for (const [n, name] of [
      [1, "Gus"],
      [2, "Hana"],
      [3, "Ivo"],
    ] as const)
      await create({ phone: phone(n), name, tags: [tag], consent: { marketing: "opted_in" } });
    await create({ phone: phone(4), name: "Jo", tags: [tag], consent: { marketing: "opted_out" } });

    const page = await open("segments", "Segments");
    await page.getByRole("button", { name: "New segment" }).click();
    let form = page.getByRole("form", { name: "New segment" });
    await form.getByLabel("Segment name").fill(segment);
    await form.getByLabel("Tagged with all of").fill(tag);
    await form.getByRole("button", { name: "Create segment" }).click();
    const segments = page.getByRole("table", { name: "Segments" });
    await segments.getByRole("link", { name: `4 contacts in ${segment}`, exact: true }).waitFor();

    await segments
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: `4 contacts in ${segment}`, exact: true }) })
      .getByRole("button", { name: "Edit" })
      .click();
    form = page.getByRole("form", { name: `Edit ${segment}`, exact: true });
    await form.getByLabel("Marketing consent").selectOption("opted_in");
    await form.getByRole("button", { name: "Save" }).click();
    await segments.getByText(`tagged ${tag} · opted in`).waitFor();
    await segments.getByRole("link", { name: `3 contacts in ${segment}`, exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Segment ${segment}` })
      .waitFor();
    await expect.poll(() => names(page)).toEqual(["Gus", "Hana", "Ivo"]);
    await shoot(page, "7-segment-members");

    await page.goto(`${suite.wharf.url}/#/campaigns`);
    await page.getByRole("button", { name: "New campaign" }).click();
    const campaign = page.getByRole("region", { name: "New campaign" });
    await campaign.getByLabel("Campaign name").fill("Spring sale");
    await campaign.getByLabel("Send from").selectOption(ws.numbers.verified.id);
    await campaign.getByLabel("Template").selectOption({ label: `${template} · en_US` });
    await campaign.getByLabel("A segment").check();
    await campaign.getByLabel("Segment", { exact: true }).selectOption({ label: `${segment} (3 contacts)` });
    await shoot(page, "8-campaign-to-segment");
    await campaign.getByRole("button", { name: "Create campaign" }).click();
    await page.getByRole("heading", { level: 1, name: "Spring sale" }).waitFor();

    await expect
      .poll(
        async () =>
          (await acceptedByMeta(ws, ws.numbers.verified.metaPhoneNumberId))
            .map((m) => m.body)
            .filter((b) => (b["template"] as { name?: string } | undefined)?.name === template)
            .map((b) => b["to"])
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual([phone(1), phone(2), phone(3)]);
    await page.context().close();
  }, 120_000);
});
