// Issue 20: the dashboard's language follows the browser until the user picks one, which the
// server keeps (a reload, another browser); dates and numbers follow it too.
import { describe, expect, it } from "vitest";
import { login } from "../support/team.js";
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
    // A retry (CI retries once) starts as the first attempt did, following the browser: a failed
    // first attempt may have left Portuguese stored for the user.
    const session = await login(suite.wharf.url, suite.wharf.demo.email, suite.wharf.demo.password);
    const reset = await fetch(`${suite.wharf.url}/v1/auth/me`, {
      method: "PATCH",
      headers: { ...session.headers, "content-type": "application/json" },
      body: JSON.stringify({ language: null }),
    });
    expect(reset.status).toBe(200);
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

  // Every page speaks the browser's language: its heading and a word of its own (issue 20).
  const PAGES = {
    "pt-BR": {
      email: "E-mail",
      password: "Senha",
      logIn: "Entrar",
      pages: [
        ["campaigns", "Campanhas", { role: "button", name: "Nova campanha" }],
        ["templates", "Modelos", { role: "button", name: "Sincronizar" }],
        ["contacts", "Contatos", { role: "link", name: "Importar contatos" }],
        ["segments", "Segmentos", { role: "button", name: "Novo segmento" }],
        ["catalog", "Catálogo", { role: "button", name: "Sincronizar agora" }],
        ["automations", "Automações", { role: "heading", name: "Comece por uma receita" }],
        ["analytics", "Relatórios", { role: "button", name: "Baixar CSV" }],
        ["phone-numbers", "Números de telefone", { role: "button", name: "Adicionar um número" }],
        ["settings/whatsapp", "Conexão com o WhatsApp", { role: "heading", name: "Conta do WhatsApp Business" }],
        ["settings/team", "Equipe", { role: "heading", name: "Membros" }],
      ],
    },
    es: {
      email: "Correo electrónico",
      password: "Contraseña",
      logIn: "Iniciar sesión",
      pages: [
        ["campaigns", "Campañas", { role: "button", name: "Nueva campaña" }],
        ["templates", "Plantillas", { role: "button", name: "Sincronizar" }],
        ["contacts", "Contactos", { role: "link", name: "Importar contactos" }],
        ["segments", "Segmentos", { role: "button", name: "Nuevo segmento" }],
        ["catalog", "Catálogo", { role: "button", name: "Sincronizar ahora" }],
        ["automations", "Automatizaciones", { role: "heading", name: "Empieza con una receta" }],
        ["analytics", "Estadísticas", { role: "button", name: "Descargar CSV" }],
        ["phone-numbers", "Números de teléfono", { role: "button", name: "Añadir un número" }],
        ["settings/whatsapp", "Conexión con WhatsApp", { role: "heading", name: "Cuenta de WhatsApp Business" }],
        ["settings/team", "Equipo", { role: "heading", name: "Miembros" }],
      ],
    },
  } as const;
  for (const [locale, words] of Object.entries(PAGES))
    it(`a ${locale} browser gets every page in ${locale}`, async () => {
      const context = await suite.browser.newContext({ locale });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on("pageerror", (error) => suite.pageErrors.push(error));
      await page.goto(`${suite.wharf.url}/#/inbox`);
      await page.getByLabel(words.email).fill(suite.wharf.demo.email);
      await page.getByLabel(words.password).fill(suite.wharf.demo.password);
      await page.getByRole("button", { name: words.logIn }).click();
      for (const [route, title, own] of words.pages) {
        await page.goto(`${suite.wharf.url}/#/${route}`);
        await page.getByRole("heading", { level: 1, name: title, exact: true }).waitFor();
        await page.getByRole(own.role, { name: own.name, exact: true }).first().waitFor();
      }
      await context.close();
    });

  it("the workspace's default language serves a browser that speaks none of the dashboard's; its time zone is kept", async () => {
    // A retry starts from English and UTC, which a failed first attempt may not have put back.
    const reset = await fetch(`${suite.wharf.url}/v1/workspace`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${suite.wharf.demo.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ timeZone: "UTC", defaultLanguage: "en" }),
    });
    expect(reset.status).toBe(200);
    // A French browser: English until the owner picks Spanish as the workspace's default on the Team page.
    const context = await suite.browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    page.on("pageerror", (error) => suite.pageErrors.push(error));
    await page.goto(`${suite.wharf.url}/#/settings/team`);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    const workspace = page.getByRole("region", { name: "Workspace" });
    await workspace.getByLabel("Time zone").selectOption("America/Sao_Paulo");
    await workspace.getByLabel("Default language").selectOption("es");
    await workspace.getByRole("button", { name: "Save" }).click();
    // Saved, and the French browser now gets the workspace's Spanish at once.
    await page.getByRole("heading", { level: 1, name: "Equipo", exact: true }).waitFor();
    const region = page.getByRole("region", { name: "Espacio de trabajo" });
    expect(await region.getByLabel("Zona horaria").inputValue()).toBe("America/Sao_Paulo");
    const settings = await page.evaluate(
      "fetch('/v1/auth/session').then((r) => r.json()).then((s) => s.workspaceSettings)",
    );
    expect(settings).toEqual({ timeZone: "America/Sao_Paulo", defaultLanguage: "es" });
    // An English browser still gets English: the default only fills in for languages Wharf lacks.
    const english = await openPage(suite.browser, `${suite.wharf.url}/#/settings/team`, suite.pageErrors);
    await logIn(english, suite.wharf.demo.email, suite.wharf.demo.password);
    await english.getByRole("heading", { level: 1, name: "Team", exact: true }).waitFor();
    await english.context().close();
    // Back to English and UTC for the other tests.
    await region.getByLabel("Idioma predeterminado").selectOption("en");
    await region.getByLabel("Zona horaria").selectOption("UTC");
    await region.getByRole("button", { name: "Guardar" }).click();
    await page.getByRole("heading", { level: 1, name: "Team", exact: true }).waitFor();
    await context.close();
  });
});
