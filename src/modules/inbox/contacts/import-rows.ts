import { z } from "zod";
import { AppError } from "../../../platform/errors/index.js";
import { ATTRIBUTE_NAME, type AttributeValue } from "./attributes.js";
import { phoneToWaId } from "./contact-view.js";
import type { AttributeType } from "./directory.repo.js";
import { Tag } from "./filter.js";

/** One contact as a file gives it, checked; attribute values are still as written (typed at write time). */
export interface ImportedContact {
  line: number;
  waId: string;
  name: string | null;
  email: string | null;
  externalId: string | null;
  language: string | null;
  tags: string[];
  consent: { optIn: boolean; at: number | null; proof: string | null } | null;
  attributes: Record<string, AttributeValue>;
}

/** Where a CSV column goes. */
export type ColumnTarget =
  | { field: "phone" | "name" | "first_name" | "last_name" | "email" | "external_id" | "language" | "tags" }
  | { field: "consent" | "consent_proof" | "consent_at" }
  | { field: "attribute"; name: string; type: AttributeType | null }
  | { field: "ignore" };

const FIELDS: Record<ColumnTarget["field"], true> = {
  phone: true,
  name: true,
  first_name: true,
  last_name: true,
  email: true,
  external_id: true,
  language: true,
  tags: true,
  consent: true,
  consent_proof: true,
  consent_at: true,
  attribute: true,
  ignore: true,
};
/** Every field a column can go to, as a preview names it. */
export const COLUMN_FIELDS = Object.keys(FIELDS) as [ColumnTarget["field"], ...ColumnTarget["field"][]];

const ALIASES: Record<string, ColumnTarget["field"]> = {
  phone: "phone",
  phone_number: "phone",
  mobile: "phone",
  whatsapp: "phone",
  wa_id: "phone",
  name: "name",
  full_name: "name",
  first_name: "first_name",
  last_name: "last_name",
  email: "email",
  e_mail: "email",
  external_id: "external_id",
  customer_id: "external_id",
  language: "language",
  lang: "language",
  locale: "language",
  tags: "tags",
  tag: "tags",
  consent: "consent",
  marketing_consent: "consent",
  opt_in: "consent",
  consent_proof: "consent_proof",
  consent_at: "consent_at",
};

const slug = (header: string) =>
  header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

/**
 * `mapping` (the `mapping` query parameter, JSON): header -> "phone" | "name" | ... | "ignore" |
 * "attributes.<name>[:type]". Unmapped headers go by their usual names, the rest to attributes
 * named after them.
 */
export const Mapping = z.record(z.string().max(200), z.string().max(100)).refine((m) => Object.keys(m).length <= 200);

export function mapColumns(headers: string[], mapping: Record<string, string>): ColumnTarget[] {
  const targets = headers.map((header): ColumnTarget => {
    const asked = mapping[header];
    if (asked !== undefined) {
      if (asked === "ignore") return { field: "ignore" };
      const attr = /^attributes\.([a-z][a-z0-9_]{0,63})(?::(text|number|date|boolean))?$/.exec(asked);
      if (attr) return { field: "attribute", name: attr[1]!, type: (attr[2] as AttributeType | undefined) ?? null };
      const field = ALIASES[asked];
      if (!field)
        throw new AppError(
          "VALIDATION_FAILED",
          `mapping: "${header}" -> "${asked}" is not a field; use one of ${[...new Set(Object.values(ALIASES))].join(", ")}, "ignore" or "attributes.<name>[:text|number|date|boolean]".`,
        );
      return { field } as ColumnTarget;
    }
    const name = slug(header);
    const field = ALIASES[name];
    if (field) return { field } as ColumnTarget;
    if (name === "") return { field: "ignore" };
    if (!ATTRIBUTE_NAME.test(name))
      throw new AppError(
        "VALIDATION_FAILED",
        `Column "${header.slice(0, 80)}" cannot be an attribute name; map it with mapping={"${header.slice(0, 80)}": "attributes.<name>"} or "ignore".`,
      );
    return { field: "attribute", name, type: null };
  });
  const phones = targets.filter((t) => t.field === "phone").length;
  if (phones !== 1)
    throw new AppError(
      "VALIDATION_FAILED",
      phones === 0
        ? `The header has no phone column (phone, phone_number, mobile, whatsapp or wa_id; or map one with mapping). Columns: ${headers.slice(0, 20).join(", ")}.`
        : "The header has more than one phone column; map the extra ones to attributes or ignore them.",
    );
  return targets;
}

const YES = new Set(["opted_in", "yes", "y", "true", "1", "subscribed", "opt_in", "granted"]);
const NO = new Set(["opted_out", "no", "n", "false", "0", "unsubscribed", "opt_out", "revoked"]);
const EMAIL = z.string().email().max(320);
const LANGUAGE = /^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$/;

type Raw = {
  phone?: unknown;
  name?: unknown;
  first_name?: unknown;
  last_name?: unknown;
  email?: unknown;
  external_id?: unknown;
  language?: unknown;
  tags?: unknown;
  consent?: unknown;
  consent_proof?: unknown;
  consent_at?: unknown;
  attributes: Record<string, AttributeValue>;
};

const text = (v: unknown): string | null => {
  if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return null;
  const s = String(v).trim();
  return s === "" ? null : s;
};

/** Checks one row; throws a message for the row's error (the caller adds the line). */
export function checkRow(line: number, raw: Raw): ImportedContact {
  const phone = text(raw.phone);
  if (phone === null) throw new Error("phone is empty");
  const waId = phoneToWaId(phone);
  if (waId === null) throw new Error(`"${phone.slice(0, 40)}" is not a phone number in E.164 (+15551234567)`);
  const email = text(raw.email)?.toLowerCase() ?? null;
  if (email !== null && !EMAIL.safeParse(email).success)
    throw new Error(`"${email.slice(0, 80)}" is not an email address`);
  const language = text(raw.language);
  if (language !== null && !LANGUAGE.test(language))
    throw new Error(`"${language.slice(0, 20)}" is not a language code (en, pt_BR)`);
  const name =
    text(raw.name) ?? ([text(raw.first_name), text(raw.last_name)].filter((s) => s !== null).join(" ") || null);
  if (name !== null && name.length > 200) throw new Error("name is longer than 200 characters");
  const externalId = text(raw.external_id);
  if (externalId !== null && externalId.length > 200) throw new Error("external_id is longer than 200 characters");
  const tagList = Array.isArray(raw.tags)
    ? raw.tags.map(String)
    : (text(raw.tags)?.split(/[;,|]/) ?? []).map((t) => t.trim()).filter((t) => t !== "");
  const tags = tagList.map((t) => {
    const parsed = Tag.safeParse(t);
    if (!parsed.success) throw new Error(`"${t.slice(0, 80)}" is not a tag (at most 64 characters)`);
    return parsed.data;
  });
  let consent: ImportedContact["consent"] = null;
  const said =
    text(raw.consent)
      ?.toLowerCase()
      .replace(/[\s-]+/g, "_") ?? null;
  if (said !== null) {
    if (!YES.has(said) && !NO.has(said))
      throw new Error(`consent "${said.slice(0, 40)}" is not one of opted_in, opted_out, yes, no, true, false`);
    const atText = text(raw.consent_at);
    const at = atText === null ? null : Date.parse(atText);
    if (at !== null && !Number.isFinite(at)) throw new Error(`consent_at "${atText!.slice(0, 40)}" is not an ISO time`);
    const proof = text(raw.consent_proof);
    consent = { optIn: YES.has(said), at, proof: proof === null ? null : proof.slice(0, 2000) };
  }
  return {
    line,
    waId,
    name,
    email,
    externalId,
    language,
    tags: [...new Set(tags)],
    consent,
    attributes: raw.attributes,
  };
}

/** A CSV record's fields by the column targets. */
export function rawFromFields(targets: ColumnTarget[], fields: string[]): Raw {
  if (fields.length > targets.length) throw new Error(`${fields.length} fields, but the header has ${targets.length}`);
  const raw: Raw = { attributes: {} };
  targets.forEach((t, i) => {
    const v = fields[i] ?? "";
    if (t.field === "ignore") return;
    if (t.field === "attribute") {
      if (v.trim() !== "") raw.attributes[t.name] = v.trim();
      return;
    }
    raw[t.field] = v;
  });
  return raw;
}

const NdjsonContact = z.object({
  phone: z.string().max(40),
  name: z.string().max(200).nullish(),
  email: z.string().max(320).nullish(),
  externalId: z.string().max(200).nullish(),
  language: z.string().max(20).nullish(),
  tags: z.array(z.string().max(100)).max(100).optional(),
  attributes: z
    .record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
    .optional(),
  consent: z
    .union([
      z.enum(["opted_in", "opted_out"]),
      z.object({
        marketing: z.enum(["opted_in", "opted_out"]),
        proof: z.string().max(2000).nullish(),
        at: z.string().max(40).nullish(),
      }),
    ])
    .optional(),
});

/** An NDJSON line: {phone, name?, email?, externalId?, language?, tags?, attributes?, consent?}. */
export function rawFromJson(value: unknown): Raw {
  const parsed = NdjsonContact.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join(".") || "the line"}: ${issue.message}`);
  }
  const c = parsed.data;
  for (const name of Object.keys(c.attributes ?? {}))
    if (!ATTRIBUTE_NAME.test(name)) throw new Error(`"${name.slice(0, 80)}" is not an attribute name (a-z, 0-9, _)`);
  const consent = typeof c.consent === "string" ? { marketing: c.consent } : c.consent;
  return {
    phone: c.phone,
    name: c.name,
    email: c.email,
    external_id: c.externalId,
    language: c.language,
    tags: c.tags,
    consent: consent?.marketing,
    consent_proof: consent && "proof" in consent ? consent.proof : undefined,
    consent_at: consent && "at" in consent ? consent.at : undefined,
    attributes: c.attributes ?? {},
  };
}
