import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors/index.js";
import { MESSAGE_TYPES, buildMetaMessage } from "./build-meta-message.js";
import { SEND_EXAMPLES } from "./send-body-docs.js";

describe("POST /v1/messages: the documented examples", () => {
  it.each(MESSAGE_TYPES.map((t) => [t]))("the %s example is a message Wharf builds for Meta", (type) => {
    const example = SEND_EXAMPLES[type].value;
    expect(example.type).toBe(type);
    const built = buildMetaMessage({ to: example.to as string, type, payload: example[type] });
    expect(built.type).toBe(type);
  });
});

describe("POST /v1/messages: a type's object given as a string", () => {
  const refusal = (type: (typeof MESSAGE_TYPES)[number], payload: unknown): AppError => {
    try {
      buildMetaMessage({ to: "+15551234567", type, payload });
    } catch (err) {
      if (err instanceof AppError) return err;
      throw err;
    }
    throw new Error("accepted");
  };

  it('"text": "hello" is refused with the {"body": ...} shape it needs', () => {
    const err = refusal("text", "hello");
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.message).toBe('text: expected an object like {"text":{"body":"hello"}}, not a string.');
    expect(err.extra.details).toEqual([{ field: "text", message: 'expected {"body":"hello"}' }]);
  });

  it("so are media, template and contacts given the wrong kind of value", () => {
    expect(refusal("image", "https://example.com/a.png").message).toContain('{"image":{"id":');
    expect(refusal("video", 42).message).toContain("not a number");
    expect(refusal("template", "order_update").message).toContain('"name":"order_update"');
    expect(refusal("contacts", { name: "Ana" }).message).toMatch(/^contacts: expected a list like/);
    expect(refusal("location", null).message).toContain("not null");
  });

  it("a template object with a wrong field names it under template", () => {
    const err = refusal("template", { name: "", language: "en_US" });
    expect(err.extra.details).toEqual([expect.objectContaining({ field: "template.name" })]);
  });
});
