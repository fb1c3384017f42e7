import { z } from "zod";

/**
 * A workspace's own event type is a list of fields, a small subset of JSON Schema's vocabulary:
 * `{name, type: string | number | integer | boolean | datetime | object | array, required?,
 * description?}`. Fields not listed are let through, as with the built-in types.
 */
export const FIELD_TYPES = ["string", "number", "integer", "boolean", "datetime", "object", "array"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const CustomField = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "letters, digits and _, starting with a letter"),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  description: z.string().max(500).optional(),
});
export type CustomField = z.infer<typeof CustomField>;

export const CustomFields = z
  .array(CustomField)
  .max(50)
  .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, "each field name once");

const fieldSchema = (type: FieldType): z.ZodType => {
  switch (type) {
    case "string":
      return z.string().max(10_000);
    case "number":
      return z.number();
    case "integer":
      return z.number().int();
    case "boolean":
      return z.boolean();
    case "datetime":
      return z.iso.datetime({ offset: true });
    case "object":
      return z.record(z.string(), z.unknown());
    case "array":
      return z.array(z.unknown());
  }
};

/** The zod schema of a registered type's `data`. */
export function customDataSchema(fields: CustomField[]): z.ZodObject {
  return z.looseObject(
    Object.fromEntries(
      fields.map((f) => {
        const s = fieldSchema(f.type);
        return [f.name, f.required ? s : s.optional()];
      }),
    ),
  );
}
