import {
  expectOpenApiValid,
  validateOpenApiRequest,
  validateOpenApiResponse,
  validateOpenApiWebhook,
} from "../../support/openapi.js";
import type { Reply } from "./harness.js";

/** Checks an emulator answer against Meta's OpenAPI description of that path and status. */
export function expectSpecResponse(method: string, path: string, reply: Reply, pathTemplate?: string): void {
  const concrete = path.split("?")[0]!;
  expectOpenApiValid(
    validateOpenApiResponse(method, concrete, reply.status, reply.body, pathTemplate ? { pathTemplate } : {}),
    `${method} ${concrete} → ${reply.status}`,
  );
}

export function expectSpecRequest(method: string, path: string, body: unknown, pathTemplate?: string): void {
  const concrete = path.split("?")[0]!;
  expectOpenApiValid(
    validateOpenApiRequest(method, concrete, body, pathTemplate ? { pathTemplate } : {}),
    `${method} ${concrete} request`,
  );
}

export function expectSpecWebhook(body: unknown): void {
  expectOpenApiValid(validateOpenApiWebhook(body), "webhook body");
}
