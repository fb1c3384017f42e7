import { describe, expect, it } from "vitest";
import { KNOWN_INBOUND_TYPES } from "../../channels/index.js";
import { defaultKeywordOf } from "./contacts/consent-keywords.js";
import { INBOUND_KINDS, mediaOf, previewOf } from "./inbound-content.js";

const isStopRequest = (type: string, content: unknown) => defaultKeywordOf(type, content) === "stop";

describe("reading inbound messages", () => {
  it("recognises opt-out words however they are written, and only on their own", () => {
    for (const body of ["STOP", "stop", " Stop! ", "STOP ALL", "Unsubscribe.", "ｓｔｏｐ"])
      expect(isStopRequest("text", { text: { body } }), body).toBe(true);
    for (const body of ["stopping by later", "please stop calling me", "", "STOPP"])
      expect(isStopRequest("text", { text: { body } }), body).toBe(false);
    expect(isStopRequest("button", { button: { text: "Stop promotions", payload: "x" } })).toBe(true);
    expect(
      isStopRequest("interactive", { interactive: { type: "button_reply", button_reply: { id: "1", title: "STOP" } } }),
    ).toBe(true);
    expect(isStopRequest("image", { image: { id: "1", caption: "STOP" } })).toBe(false);
    expect(isStopRequest("text", { text: 42 })).toBe(false);
  });

  it("keeps Meta's media id of media messages, never for other types", () => {
    expect(mediaOf("document", { document: { id: "987", mime_type: "application/pdf", filename: "a.pdf" } })).toEqual({
      meta_media_id: "987",
      mime_type: "application/pdf",
      sha256: null,
      filename: "a.pdf",
    });
    expect(mediaOf("text", { text: { body: "x" } })).toBeNull();
    expect(mediaOf("image", { image: {} })).toBeNull();
  });

  it("previews every type in one line", () => {
    expect(previewOf("text", { text: { body: "hello" } })).toBe("hello");
    expect(previewOf("image", { image: { id: "1", caption: "look" } })).toBe("look");
    expect(previewOf("audio", { audio: { id: "1" } })).toBe("[audio]");
    expect(previewOf("reaction", { reaction: { message_id: "w", emoji: "👍" } })).toBe("[reaction 👍]");
    expect(previewOf("reaction", { reaction: { message_id: "w", emoji: "" } })).toBe("[reaction removed]");
    expect(previewOf("location", { location: { latitude: 1, longitude: 2, name: "Dock 4" } })).toBe("Dock 4");
    expect(previewOf("order", {})).toBe("[order]");
    // A type Meta adds before Wharf knows it, and names that are not types at all.
    expect(previewOf("hologram", { hologram: { caption: "x" } })).toBe("[hologram]");
    expect(previewOf("toString", {})).toBe("[toString]");
    expect(mediaOf("constructor", { constructor: { id: "1" } })).toBeNull();
    expect(
      previewOf("interactive", { interactive: { type: "list_reply", list_reply: { id: "1", title: "Option B" } } }),
    ).toBe("Option B");
  });

  it("has an entry for every inbound type Meta's schema knows, and no other", () => {
    expect(Object.keys(INBOUND_KINDS).sort()).toEqual([...KNOWN_INBOUND_TYPES].sort());
  });
});
