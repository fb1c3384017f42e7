import type { Message } from "../messages-api";
import { orderLine, orderOf } from "../order";

// A message's content in a line or two: the text, a template's name and parameters, or what
// kind of media it is with its caption. Inbound content is Meta's webhook message; outbound is
// the send body; both keep the type's object under the type's name.

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (typeof value === "object" && value !== null ? (value as Obj) : {});
const str = (value: unknown) => (typeof value === "string" ? value : undefined);

function templateSummary(template: Obj): string {
  const params = (Array.isArray(template["components"]) ? template["components"] : [])
    .flatMap((c) => (Array.isArray(obj(c)["parameters"]) ? (obj(c)["parameters"] as unknown[]) : []))
    .map((p) => str(obj(p)["text"]))
    .filter((p): p is string => p !== undefined);
  const language = str(obj(template["language"])["code"]) ?? str(template["language"]) ?? "";
  return `Template ${str(template["name"]) ?? ""} (${language})${params.length ? `: ${params.join(", ")}` : ""}`;
}

/** Our product, multi-product and catalog messages: what they show the customer. */
function productSummary(interactive: Obj): string | undefined {
  const action = obj(interactive["action"]);
  switch (interactive["type"]) {
    case "product":
      return `[product ${str(action["product_retailer_id"]) ?? ""}]${bodyText(interactive)}`;
    case "product_list": {
      const sections = Array.isArray(action["sections"]) ? (action["sections"] as unknown[]) : [];
      const count = sections.reduce<number>(
        (n, s) => n + (Array.isArray(obj(s)["product_items"]) ? (obj(s)["product_items"] as unknown[]).length : 0),
        0,
      );
      const header = str(obj(interactive["header"])["text"]);
      return `[${count} products]${header ? ` ${header} ·` : ""}${bodyText(interactive)}`;
    }
    case "catalog_message":
      return `[catalog]${bodyText(interactive)}`;
    default:
      return undefined;
  }
}
const bodyText = (interactive: Obj) => {
  const text = str(obj(interactive["body"])["text"]);
  return text ? ` ${text}` : "";
};

export function summarize(message: Pick<Message, "type" | "content">): string {
  const body = obj(message.content[message.type]);
  switch (message.type) {
    case "text":
      return str(body["body"]) ?? "";
    case "template":
      return templateSummary(body);
    case "image":
    case "video":
    case "document":
    case "audio":
    case "sticker": {
      const caption = str(body["caption"]) ?? str(body["filename"]);
      return `[${message.type}]${caption ? ` ${caption}` : ""}`;
    }
    case "location":
      return `[location] ${[str(body["name"]), str(body["address"])].filter(Boolean).join(", ")}`.trim();
    case "reaction":
      return `Reacted ${str(body["emoji"]) ?? ""}`;
    case "button":
      return str(body["text"]) ?? "[button]";
    case "interactive": {
      const reply = obj(body["button_reply"] ?? body["list_reply"]);
      return str(reply["title"]) ?? productSummary(body) ?? str(obj(body["body"])["text"]) ?? "[interactive]";
    }
    case "order": {
      const order = orderOf(message.content);
      return order ? orderLine(order) : "[order]";
    }
    default:
      return `[${message.type}]`;
  }
}
