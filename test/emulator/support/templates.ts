import { expect } from "vitest";
import { SEED_IDS, uploadPath, V, type Harness } from "./harness.js";

/** A two-variable utility template in Meta's creation format. */
export function orderTemplate(name = "order_update", language = "en_US"): Record<string, unknown> {
  return {
    name,
    language,
    category: "UTILITY",
    components: [
      { type: "BODY", text: "Hi {{1}}, your order {{2}} has shipped.", example: { body_text: [["Ana", "A-1"]] } },
      { type: "FOOTER", text: "Jasper's Market" },
    ],
  };
}

/** Creates a template through the Graph API and approves it through the control API. */
export async function approvedTemplate(h: Harness, token: string, definition = orderTemplate()): Promise<string> {
  const created = await h.call("POST", `/${V}/${SEED_IDS.wabaId}/message_templates`, { token, json: definition });
  expect(created.status, created.text).toBe(200);
  const review = await h.control("POST", `/templates/${created.body.id}/review`, { status: "APPROVED" });
  expect(review.status).toBe(200);
  return created.body.id as string;
}

/** A send of `order_update` with the given body parameters. */
export function orderSend(
  to: string,
  params: string[] = ["Ana", "A-1"],
  name = "order_update",
): Record<string, unknown> {
  return {
    messaging_product: "whatsapp",
    to,
    type: "template",
    template: {
      name,
      language: { code: "en_US" },
      components: [{ type: "body", parameters: params.map((text) => ({ type: "text", text })) }],
    },
  };
}

/** A sample file handle from the Resumable Upload API, for a media header's `example.header_handle`. */
export async function uploadHandle(h: Harness, token: string): Promise<string> {
  const session = await h.call(
    "POST",
    `/${V}/${h.server.appId}/uploads?file_name=a.png&file_length=3&file_type=image/png`,
    { token },
  );
  const upload = await fetch(`${h.url}${uploadPath(String(session.body.id))}`, {
    method: "POST",
    headers: { authorization: `OAuth ${token}`, file_offset: "0" },
    body: "abc",
  });
  return ((await upload.json()) as { h: string }).h;
}
