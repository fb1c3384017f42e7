import type { Json } from "../../support/json.js";

export type Access = "public" | "operator" | "session" | string[];

export interface Operation {
  method: string;
  /** OpenAPI's template, `/v1/campaigns/{id}`. */
  path: string;
  access: Access | undefined;
  /** The JSON request body's schema, when the operation takes one. */
  body: Json;
  label: string;
}

const METHODS = ["get", "post", "put", "patch", "delete"];
export const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Every /v1 operation of the document, with the access the route declares (`x-wharf-access`). */
export function v1Operations(spec: Json): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(spec.paths)) {
    if (!path.startsWith("/v1/") && path !== "/v1") continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const method = m.toUpperCase();
      ops.push({
        method,
        path,
        access: op["x-wharf-access"],
        body: op.requestBody?.content?.["application/json"]?.schema,
        label: `${method} ${path}`,
      });
    }
  }
  return ops.sort(
    (a, b) =>
      a.path.localeCompare(b.path) || METHODS.indexOf(a.method.toLowerCase()) - METHODS.indexOf(b.method.toLowerCase()),
  );
}

export const params = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

export function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? filler(name)));
}

/** A syntactically valid id that names nothing. */
export const filler = (name: string): string =>
  name === "waId" ? "15550009999" : name === "metaMediaId" ? "1234567890" : "zz_000000000000000000";

const STRING_CANDIDATES = ["123456", "x_1", "en_US", "abc"];

/** A value the schema accepts (what validation needs to let the request reach the handler). */
export function sample(schema: Json): unknown {
  if (!schema || typeof schema !== "object") return "x";
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const k of ["anyOf", "oneOf", "allOf"])
    if (Array.isArray(schema[k])) return sample(schema[k].find((s: Json) => s.type !== "null") ?? schema[k][0]);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      // Optional properties too: some bodies need "at least one of" them.
      for (const [k, v] of Object.entries<Json>(schema.properties ?? {})) out[k] = sample(v);
      return out;
    }
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sample(schema.items));
    case "integer":
    case "number":
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case "boolean":
      return true;
    case "string": {
      if (schema.format === "email") return "someone@example.test";
      if (schema.format === "uri") return "https://example.test/x";
      if (schema.format === "date-time") return "2030-01-01T00:00:00Z";
      const fits = (s: string) =>
        (!schema.pattern || new RegExp(schema.pattern).test(s)) &&
        s.length >= (schema.minLength ?? 0) &&
        s.length <= (schema.maxLength ?? Infinity);
      return STRING_CANDIDATES.find(fits) ?? "x".repeat(Math.max(1, schema.minLength ?? 1));
    }
    default:
      return "x";
  }
}

/** The role matrix as docs/security.md shows it, from the document (so the page follows the code). */
export function renderRoleMatrix(ops: Operation[]): string {
  const cell = (a: Access | undefined, role: string) => {
    if (a === "public" || a === "session") return "yes";
    if (a === "operator" || a === undefined) return "-";
    return a.includes(role) ? "yes" : "-";
  };
  const kind = (a: Access | undefined) =>
    a === undefined
      ? "**undeclared**"
      : Array.isArray(a)
        ? "roles"
        : a === "operator"
          ? "operator token"
          : a === "session"
            ? "dashboard session"
            : "public";
  const rows = ops.map(
    (o) =>
      `| \`${o.method} ${o.path}\` | ${kind(o.access)} | ${cell(o.access, "owner")} | ${cell(o.access, "admin")} | ${cell(o.access, "agent")} |`,
  );
  return ["| Operation | Who | owner | admin | agent |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}
