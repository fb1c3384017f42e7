import type { TemplateRecord } from "../state/content-model.js";

/**
 * Variables of a template definition: `{{1}}` placeholders for POSITIONAL templates and
 * `{{first_name}}` for NAMED ones. Counting them is how Meta checks a send's parameters
 * (132000) and a definition's examples.
 */
export function variablesIn(text: string | undefined, format: "POSITIONAL" | "NAMED"): string[] {
  if (!text) return [];
  const pattern = format === "NAMED" ? /\{\{\s*([a-z0-9_]+)\s*\}\}/g : /\{\{\s*(\d+)\s*\}\}/g;
  const names = [...text.matchAll(pattern)].map((m) => m[1]!);
  return [...new Set(names)];
}

export interface ExpectedParams {
  header: { format: string; variables: string[] } | null;
  body: string[];
  /** Buttons that need a parameter at send time, by index. */
  buttons: { index: number; type: string; needs: number }[];
  /** A limited-time offer with `has_expiration` takes its expiry at send time. */
  offerExpiration: boolean;
  /** A carousel's cards, each with its own header, body and buttons; null for other templates. */
  cards: Omit<ExpectedParams, "offerExpiration" | "cards">[] | null;
}

type Component = Record<string, unknown>;

/** Keyed by the components array, which an edit replaces, so the cache never goes stale. */
const cache = new WeakMap<object, { format: string; expected: ExpectedParams }>();

export function expectedParams(template: Pick<TemplateRecord, "components" | "parameterFormat">): ExpectedParams {
  const hit = cache.get(template.components);
  if (hit && hit.format === template.parameterFormat) return hit.expected;
  const expected = computeExpected(template);
  cache.set(template.components, { format: template.parameterFormat, expected });
  return expected;
}

/** A component's string field; anything else (absent, or not text) reads as `fallback`. */
const textOf = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);

function computeExpected(template: Pick<TemplateRecord, "components" | "parameterFormat">): ExpectedParams {
  const components = template.components as Component[];
  const format = template.parameterFormat;
  const offer = components.find((c) => c["type"] === "LIMITED_TIME_OFFER")?.["limited_time_offer"] as
    Component | undefined;
  const carousel = components.find((c) => c["type"] === "CAROUSEL");
  return {
    ...expectedOf(components, format),
    offerExpiration: offer?.["has_expiration"] === true,
    cards: carousel
      ? ((carousel["cards"] ?? []) as Component[]).map((card) =>
          expectedOf((card["components"] ?? []) as Component[], format),
        )
      : null,
  };
}

/** Header, body and button parameters of a message, or of one carousel card. */
function expectedOf(components: Component[], format: "POSITIONAL" | "NAMED") {
  const header = components.find((c) => c["type"] === "HEADER");
  const body = components.find((c) => c["type"] === "BODY");
  const buttons = (components.find((c) => c["type"] === "BUTTONS")?.["buttons"] ?? []) as Component[];
  return {
    header: header
      ? {
          format: textOf(header["format"], "TEXT"),
          variables: variablesIn(header["text"] as string | undefined, format),
        }
      : null,
    body: variablesIn(body?.["text"] as string | undefined, format),
    buttons: buttons
      .map((b, index) => {
        const type = textOf(b["type"], "");
        const needs =
          type === "URL"
            ? variablesIn(b["url"] as string | undefined, "POSITIONAL").length
            : type === "COPY_CODE" || type === "OTP"
              ? 1
              : 0;
        return { index, type, needs };
      })
      .filter((b) => b.needs > 0),
  };
}
