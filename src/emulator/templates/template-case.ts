type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Meta's own examples write a template's enums in lower case (`"category": "authentication"`,
 * `"type": "limited_time_offer"`, `"otp_type": "copy_code"`) and its answers in upper case; both
 * are accepted and the template is kept, and answered, in upper case. A value in mixed case
 * ("Marketing") is left as it is, so the schema refuses it (an assumption: Meta documents only
 * the two spellings).
 */
export function upperEnum(value: unknown): unknown {
  return typeof value === "string" && value === value.toLowerCase() ? value.toUpperCase() : value;
}

function component(c: unknown): unknown {
  if (!isObj(c)) return c;
  const out: Obj = { ...c, type: upperEnum(c["type"]) };
  if (c["format"] !== undefined) out["format"] = upperEnum(c["format"]);
  if (Array.isArray(c["buttons"]))
    out["buttons"] = (c["buttons"] as unknown[]).map((b): unknown =>
      isObj(b)
        ? {
            ...b,
            type: upperEnum(b["type"]),
            ...(b["otp_type"] !== undefined ? { otp_type: upperEnum(b["otp_type"]) } : {}),
          }
        : b,
    );
  if (Array.isArray(c["cards"]))
    out["cards"] = (c["cards"] as unknown[]).map((card): unknown =>
      isObj(card) && Array.isArray(card["components"])
        ? { ...card, components: (card["components"] as unknown[]).map(component) }
        : card,
    );
  return out;
}

/** A create or edit body with its enum values in Meta's stored (upper) case. */
export function normalizeTemplateCase(body: Obj): Obj {
  const out: Obj = { ...body };
  for (const key of ["category", "parameter_format"]) if (out[key] !== undefined) out[key] = upperEnum(out[key]);
  if (Array.isArray(out["components"])) out["components"] = out["components"].map(component);
  return out;
}
