import { TemplateContent } from "../../channels/index.js";
import { AppError } from "../../platform/errors/index.js";
import { checkTemplateParameters as checkParameters } from "./admission/index.js";
import { givenParameterCounts } from "./build-meta-message.js";

/**
 * The send path's own template checks, for a body built before any send (an automation's template
 * step, checked when it is saved): Meta's shape of the `template` object, then the parameter counts
 * and button sub-types the template takes. Throws the AppError a send of it would get.
 */
export function checkTemplateContent(template: Parameters<typeof checkParameters>[0], content: unknown): void {
  const parsed = TemplateContent.safeParse(content);
  if (!parsed.success)
    throw new AppError(
      "VALIDATION_FAILED",
      `Template "${template.name}": ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.`,
    );
  checkParameters(template, givenParameterCounts(parsed.data));
}
