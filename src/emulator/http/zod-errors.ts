import type { ZodError } from "zod";
import { GraphError } from "../core/graph-error.js";

type PathKey = PropertyKey;

/** Meta names parameters like PHP arrays: `template['components'][0]['parameters']`. */
export function metaParamPath(path: readonly PathKey[]): string {
  const [head, ...rest] = path;
  if (head === undefined) return "body";
  return String(head) + rest.map((k) => (typeof k === "number" ? `[${k}]` : `['${String(k)}']`)).join("");
}

function valueAt(body: unknown, path: readonly PathKey[]): unknown {
  let current = body;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const paramError = (message: string) =>
  new GraphError(400, {
    message: `(#100) ${message}`,
    type: "OAuthException",
    code: 100,
    error_data: { messaging_product: "whatsapp", details: message },
  });

/**
 * Turns the first schema problem into the error Graph gives for it: a missing parameter is
 * "The parameter X is required", an unknown key is "Unexpected key", anything else names the
 * parameter and what is wrong with it, always code 100.
 */
export function zodToGraphError(error: ZodError, body: unknown): GraphError {
  const issue = error.issues[0];
  if (!issue) return paramError("Invalid parameter");
  const path = issue.path;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return paramError(`Unexpected key "${key}" on param "${metaParamPath(path)}".`);
  }
  if (valueAt(body, path) === undefined && path.length > 0) {
    return paramError(`The parameter ${metaParamPath(path)} is required.`);
  }
  return paramError(`Param ${metaParamPath(path)} is invalid: ${issue.message}`);
}
