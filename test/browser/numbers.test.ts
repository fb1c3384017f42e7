// Acceptance (issue 19, 1), in headless Chromium against sandbox mode: the Phone numbers page adds
// and verifies a number step by step (a wrong code shows the step and Meta's words; a reload
// resumes the wizard), and requests deletion of a busy number (refused: more than 1,000 messages
// in 30 days) and of a quiet one (paused at once, scheduled, deregistered on the date by Wharf's
// clock, which the test moves).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { newMessageRow } from "../../src/modules/messages/messages.repo.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import type { Json } from "../support/json.js";
import { attemptCounter, browserSuite, logIn, openPage } from "./support.js";

const DAY_MS = 24 * 3_600_000;
let offsetMs = 0;
const clock = { now: () => Date.now() + offsetMs };

describe("the Phone numbers page in headless Chromium", () => {
  let numbers: ConnectedNumbers;
  const suite = browserSuite(
    async (wharf) => {
      numbers = await connectAndActivate(wharf.url, wharf.demo.apiKey);
    },
    { clock },
  );
  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${suite.wharf.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${suite.wharf.demo.apiKey}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const otpOf = async (metaId: string): Promise<string> => {
    const state = (await (await fetch(`${suite.wharf.url}/_meta/_emulator/state`)).json()) as Json;
    for (const waba of state.wabas as Json[])
      for (const p of waba.phoneNumbers as Json[]) if (p.id === metaId) return p.verificationCode as string;
    throw new Error(`no code for ${metaId}`);
  };

  async function openNumbers(): Promise<Page> {
    const page = await openPage(suite.browser, suite.wharf.url, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Phone numbers" }).click();
    await page.getByRole("heading", { level: 1, name: "Phone numbers" }).waitFor();
    await page.getByRole("table", { name: "Phone numbers" }).waitFor({ timeout: 20_000 });
    return page;
  }
  const rowOf = (page: Page, id: string) =>
    page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: id }) });

  const addAttempt = attemptCounter();
  it("adds a number, requests the code, refuses a wrong one at its step, resumes after a reload, verifies", async () => {
    // A retried attempt (CI retries once) adds a number of its own: the first attempt's is added already.
    const number = `555010004${1 + addAttempt()}`;
    const page = await openNumbers();
    await page.getByRole("button", { name: "Add a number" }).click();
    const form = page.getByRole("region", { name: "Add a phone number" });
    await form.getByLabel("Country code").fill("1");
    await form.getByLabel("Phone number").fill(number);
    await form.getByLabel("Display name").fill("Harbor Bakery");
    await form.getByRole("button", { name: "Add the number" }).click();
    const panel = page.getByRole("region", { name: `Adding +1 ${number}` });
    await panel.waitFor();
    await panel.getByRole("button", { name: "Send the code" }).click();
    await panel.getByLabel("Verification code").waitFor();

    const workflowId = new URL(page.url()).hash.split("workflow=")[1]!;
    const workflow = (await api("GET", `/v1/phone-numbers/workflows/${workflowId}`)).body;
    const right = await otpOf(workflow.metaPhoneNumberId as string);
    const wrong = right === "123456" ? "654321" : "123456";
    await panel.getByLabel("Verification code").fill(wrong);
    await panel.getByRole("button", { name: "Verify" }).click();
    const failure = panel.getByRole("alert").filter({ hasText: 'Step "Code entered" failed' });
    await failure.waitFor();
    await page.screenshot({ path: "/tmp/wharf-numbers-wrong-code.png", fullPage: true });

    // The wizard is the server's: a reload opens it at the same step.
    await page.reload();
    await panel.getByLabel("Verification code").waitFor();
    await panel.getByLabel("Verification code").fill(right);
    await panel.getByRole("button", { name: "Verify" }).click();
    await panel.getByRole("status").filter({ hasText: "The number is verified and registered" }).waitFor();
    const ours = (await api("GET", "/v1/phone-numbers")).body.data as Json[];
    expect(ours.find((n) => n.id === workflow.phoneNumberId)).toMatchObject({ active: true, status: "CONNECTED" });
  }, 120_000);

  const migrateAttempt = attemptCounter();
  it("migrates a number: refused at the add step while two-step is on (with the guidance), then completes with a new PIN", async () => {
    // A retried attempt migrates a number of its own: the first attempt's is in the emulator already.
    const number = `555030010${migrateAttempt()}`;
    const foreign = await fetch(`${suite.wharf.url}/_meta/_emulator/foreign-numbers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        countryCode: "1",
        phoneNumber: number,
        verifiedName: "Moved Bakery",
        twoStepEnabled: true,
      }),
    });
    expect(foreign.status).toBe(201);
    const oldNumber = (await foreign.json()) as Json;

    const page = await openNumbers();
    await page.getByRole("button", { name: "Migrate a number" }).click();
    const form = page.getByRole("region", { name: "Migrate a number from another provider" });
    await form.getByText("turn off two-step verification").waitFor();
    await form.getByLabel("Country code").fill("1");
    await form.getByLabel("Phone number").fill(number);
    expect(await form.getByRole("button", { name: "Start the migration" }).isDisabled()).toBe(true);
    await form.getByLabel("Two-step verification is off at the old provider").check();
    await form.getByRole("button", { name: "Start the migration" }).click();

    const panel = page.getByRole("region", { name: `Migrating +1 ${number}` });
    const refusal = panel
      .getByRole("alert")
      .filter({ hasText: 'Step "Number added to the WhatsApp Business Account" failed' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/two-step/i);
    expect(await refusal.textContent()).toContain("TWO_STEP_STILL_ENABLED");
    await panel.getByRole("listitem").filter({ hasText: "(failed)" }).filter({ hasText: "Number added" }).waitFor();
    await page.screenshot({ path: "/tmp/wharf-numbers-migration-refused.png", fullPage: true });

    // The business turns two-step off at the old provider, says so, and the step runs again.
    await fetch(`${suite.wharf.url}/_meta/_emulator/phone-numbers/${oldNumber.id as string}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ twoStepEnabled: false }),
    });
    await panel.getByLabel("Two-step verification is now off at the old provider").check();
    await panel.getByRole("button", { name: "Try the step again" }).click();
    await panel.getByRole("button", { name: "Send the code" }).click();
    await panel.getByLabel("Verification code").waitFor();
    const workflowId = new URL(page.url()).hash.split("workflow=")[1]!;
    const workflow = (await api("GET", `/v1/phone-numbers/migrations/${workflowId}`)).body;
    await panel.getByLabel("Verification code").fill(await otpOf(workflow.metaPhoneNumberId as string));
    await panel.getByRole("button", { name: "Verify" }).click();
    await panel.getByRole("button", { name: "Skip templates" }).click();
    await panel.getByRole("status").filter({ hasText: "migrated and registered, with a new two-step PIN" }).waitFor();
    const state = (await (await fetch(`${suite.wharf.url}/_meta/_emulator/state`)).json()) as Json;
    const moved = (state.wabas as Json[])
      .flatMap((w) => w.phoneNumbers as Json[])
      .find((p) => p.id === workflow.metaPhoneNumberId);
    expect(moved?.pin).toMatch(/^\d{6}$/);
  }, 150_000);

  const deleteAttempt = attemptCounter();
  it("refuses deleting a busy number, schedules a quiet one (paused at once), deregisters it on the date", async () => {
    // A retry (CI retries once): its messages have ids of their own, and a deletion the first
    // attempt scheduled is cancelled so that this one schedules it again.
    const attempt = deleteAttempt();
    // The quiet number is the unverified one; if a first attempt got as far as deleting it, another
    // active number (the tests above add two).
    const listed = (await api("GET", "/v1/phone-numbers")).body.data as Json[];
    const quietId = (listed.find((n) => n.id === numbers.unverified.id && n.active) ??
      listed.find((n) => n.active && n.id !== numbers.verified.id))!.id as string;
    if ((await api("GET", `/v1/phone-numbers/${quietId}/deletion`)).body.state === "scheduled")
      expect((await api("DELETE", `/v1/phone-numbers/${quietId}/deletion`)).status).toBe(200);
    // 1,001 messages sent from the verified number in the last 30 days.
    const now = clock.now();
    const rows = Array.from({ length: 1001 }, (_, i) =>
      newMessageRow({
        id: `msg_busy${attempt}_${String(i).padStart(5, "0")}`,
        workspace_id: asWorkspaceId(suite.wharf.demo.workspaceId),
        direction: "outbound",
        phone_number_id: numbers.verified.id,
        wa_id: "15551230000",
        wamid: `wamid.busy${attempt}_${i}`,
        type: "text",
        content: "{}",
        status: "delivered",
        status_rank: 2,
        created_at: now - DAY_MS,
      }),
    );
    const db = suite.wharf.wharf.database.db;
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto("messages" as never)
        .values(rows.slice(i, i + 200) as never)
        .execute();

    const page = await openNumbers();
    const busy = (await api("GET", "/v1/phone-numbers")).body.data as Json[];
    const display = (id: string) => busy.find((n) => n.id === id)!.displayPhoneNumber as string;

    await rowOf(page, display(numbers.verified.id)).getByRole("button", { name: "Delete…" }).click();
    let panel = page.getByRole("region", { name: `Delete ${display(numbers.verified.id)}` });
    await panel.getByLabel("The business has settled what it owes Meta").check();
    await panel.getByRole("button", { name: "Request deletion" }).click();
    await panel
      .getByRole("alert")
      .filter({ hasText: /1,?000/ })
      .waitFor();
    expect(await panel.getByText(/✗/).count()).toBeGreaterThan(0);
    expect((await api("GET", `/v1/phone-numbers/${numbers.verified.id}/deletion`)).body.state).not.toBe("scheduled");
    await page.screenshot({ path: "/tmp/wharf-numbers-busy.png", fullPage: true });
    await panel.getByRole("button", { name: "Close" }).click();

    await rowOf(page, display(quietId)).getByRole("button", { name: "Delete…" }).click();
    panel = page.getByRole("region", { name: `Delete ${display(quietId)}` });
    await panel.getByLabel("The business has settled what it owes Meta").check();
    await panel.getByRole("button", { name: "Request deletion" }).click();
    await panel.getByRole("status").filter({ hasText: "Deletion scheduled for" }).waitFor();
    const health = (await api("GET", `/v1/phone-numbers/${quietId}/health`)).body;
    expect(health.paused).toBe(true);
    const scheduled = (await api("GET", `/v1/phone-numbers/${quietId}/deletion`)).body;
    expect(scheduled.state).toBe("scheduled");
    await page.screenshot({ path: "/tmp/wharf-numbers-scheduled.png", fullPage: true });

    // The date comes: Wharf's clock moves past it and its job deregisters the number at Meta.
    offsetMs = Date.parse(scheduled.scheduledFor as string) - Date.now() + 60_000;
    await expect
      .poll(async () => (await api("GET", `/v1/phone-numbers/${quietId}/deletion`)).body.state, {
        timeout: 30_000,
        interval: 250,
      })
      .toBe("deleted");
    await page.reload();
    // Days went by on Wharf's clock, so the session may have expired: the page shows the login form
    // or the table once it has asked the server, never at once, so wait for whichever comes.
    const table = page.getByRole("table", { name: "Phone numbers" });
    const password = page.getByLabel("Password");
    await table.or(password).first().waitFor({ timeout: 30_000 });
    if (await password.isVisible()) await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await table.waitFor({ timeout: 30_000 });
    await rowOf(page, display(quietId)).getByRole("button", { name: "Delete…" }).click();
    panel = page.getByRole("region", { name: `Delete ${display(quietId)}` });
    await panel.getByRole("status").filter({ hasText: "deregistered and deleted" }).waitFor();
    await panel.getByRole("button", { name: "Add it again" }).waitFor();
  }, 150_000);
});
