import type { TemplateContent } from "../../graph/index.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { TemplateRecord } from "../state/content-model.js";
import { expectedParams } from "../templates/template-variables.js";
import { sendErrors } from "./message-errors.js";

const SENDABLE = new Set(["APPROVED", "PAUSED", "DISABLED"]);

/**
 * A template send must name an approved template of the number's WABA in that language
 * (132001, HTTP 404); paused and disabled templates refuse sends (132015, 132016); and each
 * component must carry as many parameters as the definition has variables (132000), with a
 * media header getting a parameter of the header's format (132012).
 */
export function checkTemplateSend(state: EmulatorState, wabaId: string, content: TemplateContent): TemplateRecord {
  const template = [...state.templates.values()].find(
    (t) =>
      t.wabaId === wabaId && t.name === content.name && t.language === content.language.code && SENDABLE.has(t.status),
  );
  if (!template) throw sendErrors.templateMissing(content.name, content.language.code);
  if (template.status === "PAUSED") throw sendErrors.templatePaused(template.name);
  if (template.status === "DISABLED") throw sendErrors.templateDisabled(template.name);

  const expected = expectedParams(template);
  const sent = content.components ?? [];
  const params = (type: string) => sent.filter((c) => c.type === type).flatMap((c) => c.parameters);

  const headerParams = params("header");
  if (expected.header && expected.header.format !== "TEXT") {
    const wanted = expected.header.format.toLowerCase();
    const got = headerParams[0]?.type ?? "NONE";
    if (headerParams.length !== 1 || got !== wanted) {
      throw sendErrors.templateParamFormat("header", expected.header.format, got.toUpperCase());
    }
  } else {
    const wanted = expected.header?.variables.length ?? 0;
    if (headerParams.length !== wanted) throw sendErrors.templateParamCount("header", headerParams.length, wanted);
  }

  const bodyParams = params("body");
  if (bodyParams.length !== expected.body.length) {
    throw sendErrors.templateParamCount("body", bodyParams.length, expected.body.length);
  }
  if (template.parameterFormat === "NAMED") {
    const names = bodyParams.map((p) => ("parameter_name" in p ? p.parameter_name : undefined));
    const missing = expected.body.find((name) => !names.includes(name));
    if (missing) throw sendErrors.templateParamMissing("body", missing);
  }

  for (const button of expected.buttons) {
    const component = sent.find((c) => c.type === "button" && Number(c.index) === button.index);
    const got = component?.parameters.length ?? 0;
    if (got !== button.needs) throw sendErrors.templateParamCount(`button[${button.index}]`, got, button.needs);
  }
  return template;
}
