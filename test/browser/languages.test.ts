// Issue 20: the dashboard's language follows the browser until the user picks one, which the
// server keeps (a reload, another browser); dates and numbers follow it too.
import { describe, expect, it } from "vitest";
import { browserSuite, logIn, openPage } from "./support.js";

describe("Dashboard languages in headless Chromium", () => {
  const suite = browserSuite();

  it("a Spanish browser gets the login page in Spanish", async () => {
    const context = await suite.browser.newContext({ locale: "es-MX" });
    const page = await context.newPage();
    page.on("pageerror", (error) => suite.pageErrors.push(error));
    await page.goto(suite.wharf.url);
    await page.getByRole("heading", { name: "Iniciar sesión" }).waitFor();
    await page.getByLabel("Correo electrónico").waitFor();
    expect(await page.evaluate("document.documentElement.lang")).toBe("es");
    await context.close();
  });

  it("switching to Português (Brasil) changes the words, is kept across a reload, and back to the browser's", async () => {
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/inbox`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Inbox" }).waitFor();
    await page.getByLabel("Language").selectOption("pt-BR");

    const navPt = page.getByRole("navigation", { name: "Principal" });
    await navPt.getByRole("link", { name: "Caixa de entrada" }).waitFor();
    await navPt.getByRole("link", { name: "Campanhas" }).waitFor();
    await page.getByRole("button", { name: "Não lidas" }).waitFor();
    await page.getByRole("button", { name: "Sair" }).waitFor();
    expect(await page.evaluate("document.documentElement.lang")).toBe("pt-BR");

    // Kept by the server: a reload (and any other browser) opens in Portuguese.
    await page.reload();
    await navPt.getByRole("link", { name: "Caixa de entrada" }).waitFor();
    const stored = await page.evaluate("fetch('/v1/auth/session').then((r) => r.json()).then((s) => s.user.language)");
    expect(stored).toBe("pt-BR");

    // Back to following the browser (English here).
    await page.getByLabel("Idioma").selectOption("");
    await nav.getByRole("link", { name: "Inbox" }).waitFor();
    await page.context().close();
  });
});
