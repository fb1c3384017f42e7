import { describe, expect, it } from "vitest";
import { attributeNameOf, formatOf, previewPart } from "../../web/src/import-preview.js";

describe("the import page's preview request", () => {
  it("sends the start of a long file up to its last whole line", () => {
    expect(previewPart("phone,name\n15550001,Ann\n15550002,B", false)).toBe("phone,name\n15550001,Ann\n");
    expect(previewPart("phone,name\r\n15550001,Ann\r\n1555", false)).toBe("phone,name\r\n15550001,Ann\r\n");
  });

  it("sends a short file whole, last line included", () => {
    expect(previewPart("phone,name\n15550001,Ann", true)).toBe("phone,name\n15550001,Ann");
  });

  it("tells CSV from NDJSON by name or type, and names attributes as the server does", () => {
    expect(formatOf("contacts.ndjson", "")).toBe("ndjson");
    expect(formatOf("export.jsonl", "")).toBe("ndjson");
    expect(formatOf("contacts.csv", "text/csv")).toBe("csv");
    expect(formatOf("contacts.txt", "")).toBe("csv");
    expect(attributeNameOf(" Favourite Colour ")).toBe("favourite_colour");
    expect(attributeNameOf("Città")).toBe("citta");
  });
});
