// Issue 20: the dashboard speaks English, Portuguese (Brazil) and Spanish from message catalogs.
// Every key of the English catalog is in every other one, with the same `{value}` marks, and no
// translation is left empty or left in English by copy.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CATALOGS, fill, fromBrowser } from "../../web/src/i18n/languages.js";
import { hardCodedWords, keyUsage, sourceFiles } from "./i18n-coverage.js";

const marks = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the dashboard's message catalogs", () => {
  const english = CATALOGS.en as Record<string, string>;
  for (const [language, catalog] of Object.entries(CATALOGS) as Array<[string, Record<string, string>]>)
    it(`${language} has every key, no other, each filled in with the same {marks}`, () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) {
        expect(catalog[key]?.trim(), `${language} ${key}`).toBeTruthy();
        expect(marks(catalog[key]!), `${language} ${key}`).toEqual(marks(text));
      }
    });

  it("translations are translated: most differ from the English words", () => {
    for (const language of ["pt-BR", "es"] as const) {
      const catalog = CATALOGS[language] as Record<string, string>;
      const same = Object.keys(english).filter((key) => catalog[key] === english[key]);
      expect(same.length, `${language}: ${same.join(", ")}`).toBeLessThan(Object.keys(english).length / 10);
    }
  });

  it("every key is used by the dashboard's code", () => {
    const used = keyUsage(
      sourceFiles()
        .map((file) => readFileSync(file, "utf8"))
        .join("\n"),
    );
    expect(Object.keys(english).filter((key) => !used(key))).toEqual([]);
  });

  it("every plural has its `other` form and only Intl.PluralRules categories", () => {
    for (const key of Object.keys(english)) {
      const plural = /^(.*)\.(zero|one|two|few|many|other)$/.exec(key);
      if (plural) expect(english[`${plural[1]}.other`], key).toBeDefined();
    }
  });

  it("no .tsx file under web/src shows English words written in its JSX instead of the catalogs", () => {
    const files = sourceFiles(undefined, /\.tsx$/);
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap(hardCodedWords)).toEqual([]);
  });

  it("picks the browser's first language it has, else English", () => {
    expect(fromBrowser(["pt-BR", "en"])).toBe("pt-BR");
    expect(fromBrowser(["pt-PT"])).toBe("pt-BR");
    expect(fromBrowser(["de-DE", "es-MX", "en"])).toBe("es");
    expect(fromBrowser(["de", "fr"])).toBe("en");
    expect(fromBrowser([])).toBe("en");
  });

  it("fills {marks} and leaves an unknown one as it is", () => {
    expect(fill("{count} conversas não lidas", { count: 3 })).toBe("3 conversas não lidas");
    expect(fill("Navegador ({language})")).toBe("Navegador ({language})");
  });
});
