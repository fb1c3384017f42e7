import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EVENT_CATALOG, EVENT_TYPES } from "../src/platform/events.js";

// docs/events.md is generated from the catalog; when this fails, regenerate it with
// `WHARF_WRITE_EVENTS_DOC=1 npx vitest run test/events-doc.test.ts` and commit the result.
const DOC = "docs/events.md";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" \\| ");
  if (Array.isArray(s.type)) return s.type.join(" \\| ");
  return s.type ?? "any";
}

function renderEventsDoc(): string {
  const lines = [
    "# Events",
    "",
    "<!-- Generated from src/platform/events/catalog.ts by test/events-doc.test.ts: edit the catalog, not this file. -->",
    "",
    "Everything Wharf emits, once. The dashboard receives every event live (`GET /v1/events`, server-sent",
    "events whose `id` is the event's `evt_` id); the workspace's endpoints (`POST /v1/webhook-endpoints",
    '{url, events}`) receive the events marked "endpoints: yes" they subscribed to, or all of them with `*`.',
    "An endpoint receives `{id, type, createdAt, data}`; the same event keeps its id across retries.",
    "",
    "`template.status_changed`, which the dashboard used to receive, is `template.status` now; endpoints could",
    "never subscribe to it, so it has no alias.",
    "",
    "| event | endpoints | what happened |",
    "| --- | --- | --- |",
    ...EVENT_TYPES.map(
      (t) =>
        `| [\`${t}\`](#${t.replace(/[._]/g, "")}) | ${EVENT_CATALOG[t].endpoints ? "yes" : "no"} | ${EVENT_CATALOG[t].summary} |`,
    ),
  ];
  for (const t of EVENT_TYPES) {
    const spec = EVENT_CATALOG[t];
    const schema = z.toJSONSchema(spec.data, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const required = new Set(schema.required ?? []);
    lines.push(
      "",
      `## ${t}`,
      "",
      spec.summary,
      "",
      `Endpoints: ${spec.endpoints ? "yes" : "no (dashboard only)"}.`,
      "",
    );
    const props = Object.entries(schema.properties ?? {});
    if (props.length === 0) {
      lines.push("`data` is `{}`.");
      continue;
    }
    lines.push("| `data` field | type | |", "| --- | --- | --- |");
    for (const [name, p] of props)
      lines.push(`| \`${name}\`${required.has(name) ? "" : " (optional)"} | ${typeOf(p)} | ${p.description ?? ""} |`);
  }
  return `${lines.join("\n")}\n`;
}

describe("docs/events.md", () => {
  it("lists every event of the catalog with its payload, as generated", () => {
    const expected = renderEventsDoc();
    if (process.env["WHARF_WRITE_EVENTS_DOC"] === "1") fs.writeFileSync(DOC, expected);
    expect(fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "(missing)").toBe(expected);
  });
});
