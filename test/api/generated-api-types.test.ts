import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiTypes } from "../support/api-types.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

// The dashboard's API types come from the routes' own schemas (/openapi.json), not from a copy by
// hand: this test regenerates web/src/api/generated.ts and fails while the checked-in file differs.
// `npm run gen:api-types` (WHARF_WRITE_API_TYPES=1) writes it.
const OUTPUT = fileURLToPath(new URL("../../web/src/api/generated.ts", import.meta.url));

let w: StartedWharf;
let spec: { paths: Record<string, Record<string, never>> };
beforeAll(async () => {
  w = await startWharf();
  spec = (await fetch(`${w.url}/openapi.json`).then((r) => r.json())) as typeof spec;
});
afterAll(() => w?.close());

describe("web/src/api/generated.ts", () => {
  it("is what the current routes' /openapi.json generates", async () => {
    const generated = await generateApiTypes(spec, OUTPUT);
    if (process.env.WHARF_WRITE_API_TYPES === "1") fs.writeFileSync(OUTPUT, generated);
    const checkedIn = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : "";
    expect(checkedIn, "web/src/api/generated.ts is stale: run `npm run gen:api-types`").toBe(generated);
  });

  it("covers every /v1 operation of the document", async () => {
    const generated = await generateApiTypes(spec, OUTPUT);
    for (const [path, item] of Object.entries(spec.paths).filter(([p]) => p.startsWith("/v1/")))
      for (const method of Object.keys(item).filter((m) => ["get", "post", "put", "patch", "delete"].includes(m)))
        expect(generated, `${method} ${path}`).toMatch(
          new RegExp(`${JSON.stringify(path).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\{[^]*?\\b${method}: \\{`),
        );
  });
});
