import { BUTTON_SUB_TYPE } from "../../../../channels/index.js";
import { AppError } from "../../../../platform/errors/index.js";
import { type GivenPart, givenParameterCounts } from "../../build-meta-message.js";
import type { SendRule } from "../rule.js";

/**
 * A template body gives exactly the parameters its approved template takes (Meta: 132000), each
 * button's under the `sub_type` of that button's kind.
 */
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

interface PartCounts {
  bodyParameterCount: number;
  headerParameterCount: number;
  buttonParameterCounts: number[];
  /** Quick-reply buttons: their payload parameter may be given or left out. */
  optionalButtons?: number[];
  /** Each button's kind (URL, QUICK_REPLY, COPY_CODE, OTP...), by index: the `sub_type` a send must name. */
  buttonTypes?: string[];
}

function partMismatches(where: string, t: PartCounts, given: GivenPart): string[] {
  const wrong: string[] = [];
  if (given.body !== t.bodyParameterCount)
    wrong.push(`${where}body takes ${t.bodyParameterCount} parameter(s), ${given.body} given`);
  if (given.header !== t.headerParameterCount)
    wrong.push(`${where}header takes ${t.headerParameterCount}, ${given.header} given`);
  t.buttonParameterCounts.forEach((n, i) => {
    const got = given.buttons.get(i) ?? 0;
    const optional = n === 0 && (t.optionalButtons ?? []).includes(i);
    if (got !== n && !(optional && got === 1)) wrong.push(`${where}button ${i} takes ${n}, ${got} given`);
  });
  given.buttonSubTypes?.forEach((subType, i) => {
    const kind = t.buttonTypes?.[i];
    const fits = kind === undefined ? undefined : BUTTON_SUB_TYPE[kind];
    if (fits !== undefined && fits !== subType)
      wrong.push(`${where}button ${i} is a ${kind} button: send it with sub_type "${fits}", not "${subType}"`);
  });
  return wrong;
}

export function checkParameters(
  t: PartCounts & {
    name: string;
    language: string;
    /** A limited-time offer with an expiry: the send gives `expiration_time_ms` (Meta, "Limited-time offer templates"). */
    offerExpiration?: boolean;
    /** A carousel's cards (Meta, "Sending media card carousel templates"): every card, by card_index. */
    cards?: PartCounts[] | null;
  },
  given: ReturnType<typeof givenParameterCounts>,
): void {
  const wrong = partMismatches("", t, given);
  const offer = t.offerExpiration === true ? 1 : 0;
  if (given.offer !== offer)
    wrong.push(
      offer === 1
        ? "the limited-time offer takes its expiry, as a limited_time_offer component with expiration_time_ms"
        : "this template has no offer expiry: leave out the limited_time_offer component",
    );
  const cards = t.cards ?? [];
  const sent = given.cards ?? new Map<number, GivenPart>();
  if (sent.size !== cards.length || [...sent.keys()].some((i) => i >= cards.length))
    wrong.push(
      `the carousel takes ${cards.length} card(s) with card_index 0 to ${Math.max(cards.length - 1, 0)}, ${sent.size} given`,
    );
  else cards.forEach((card, i) => wrong.push(...partMismatches(`card ${i} `, card, sent.get(i)!)));
  if (wrong.length > 0)
    throw new AppError("TEMPLATE_PARAMETERS_MISMATCH", `Template "${t.name}" (${t.language}): ${wrong.join("; ")}.`);
}
