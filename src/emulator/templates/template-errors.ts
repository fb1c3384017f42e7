import { GraphError } from "../core/graph-error.js";

/**
 * Template management errors: code 100 with the subcodes and user-facing texts Meta returns
 * (template-management docs, pywa's error table).
 */
const templateError = (details: string, title: string, subcode?: number) =>
  new GraphError(400, {
    message: "(#100) Invalid parameter",
    type: "OAuthException",
    code: 100,
    ...(subcode !== undefined ? { error_subcode: subcode } : {}),
    is_transient: false,
    error_user_title: title,
    error_user_msg: details,
    error_data: { messaging_product: "whatsapp", details },
  });

export const templateErrors = {
  duplicate: (name: string, language: string) =>
    templateError(
      `There is already ${language} content for this template (${name}). You can create a new template and try again.`,
      "Content in This Language Already Exists",
      2388024,
    ),
  invalid: (details: string, title = "Invalid template") => templateError(details, title),
  edgeVariables: () =>
    templateError(
      "Variables can't be at the start or end of the template.",
      "Leading or trailing parameters not allowed",
      2388299,
    ),
  formatError: (details: string) => templateError(details, "Template format error", 2388047),
  notFound: (what: string) => templateError(`Message template "${what}" was not found.`, "Message template not found"),
  notEditable: (status: string) =>
    templateError(
      `Templates with status ${status} can't be edited; only APPROVED, REJECTED and PAUSED templates can.`,
      "Template can't be edited",
      2388039,
    ),
  editTooSoon: () =>
    templateError(
      "An approved template can be edited once every 24 hours and 10 times in 30 days.",
      "Edit limit reached",
      2388039,
    ),
  categoryLocked: () =>
    templateError("The category of an approved template can't be changed.", "Category can't be changed"),
};
