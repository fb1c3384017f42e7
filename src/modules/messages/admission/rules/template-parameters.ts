import { AppError } from "../../../../platform/errors/index.js";
import { givenParameterCounts } from "../../build-meta-message.js";
import type { SendRule } from "../rule.js";

/** A template body gives exactly the parameters its approved template takes (Meta: 132000). */
export const templateParameters: SendRule = {
  name: "template-parameters",
  apply(_trx, _ctx, candidates) {
    for (const c of candidates) {
      const { body, template } = c.intent;
      if (body.type !== "template" || !template) continue;
      try {
        checkParameters(template, givenParameterCounts(body.template));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        c.refusal = err;
      }
    }
  },
};

export function checkParameters(
  t: {
    name: string;
    language: string;
    bodyParameterCount: number;
    headerParameterCount: number;
    buttonParameterCounts: number[];
  },
  given: { header: number; body: number; buttons: Map<number, number> },
): void {
  const wrong: string[] = [];
  if (given.body !== t.bodyParameterCount)
    wrong.push(`body takes ${t.bodyParameterCount} parameter(s), ${given.body} given`);
  if (given.header !== t.headerParameterCount)
    wrong.push(`header takes ${t.headerParameterCount}, ${given.header} given`);
  t.buttonParameterCounts.forEach((n, i) => {
    if ((given.buttons.get(i) ?? 0) !== n) wrong.push(`button ${i} takes ${n}, ${given.buttons.get(i) ?? 0} given`);
  });
  if (wrong.length > 0)
    throw new AppError("TEMPLATE_PARAMETERS_MISMATCH", `Template "${t.name}" (${t.language}): ${wrong.join("; ")}.`);
}
