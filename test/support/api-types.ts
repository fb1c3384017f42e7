import { format, resolveConfig } from "prettier";

// Turns Wharf's /openapi.json into the dashboard's API types (web/src/api/generated.ts): one entry
// per /v1 operation with its path parameters, query, JSON body and JSON answer. A small generator
// of our own over the subset of JSON Schema 2020-12 the zod schemas produce (type, properties,
// required, additionalProperties, propertyNames, items, prefixItems, enum, const, anyOf, oneOf,
// allOf); anything it does not know becomes `unknown`, never a guess.

type Schema = Record<string, unknown>;
type Operation = {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const literal = (value: unknown) => (value === null ? "null" : JSON.stringify(value));

function union(parts: string[]): string {
  let unique = [...new Set(parts)];
  if (unique.includes("unknown")) return "unknown";
  // A string literal beside `string` says nothing more (and the linter refuses it).
  if (unique.includes("string")) unique = unique.filter((p) => !/^"(?:[^"\\]|\\.)*"$/.test(p));
  return unique.length === 0 ? "never" : unique.length === 1 ? unique[0]! : unique.map((p) => `(${p})`).join(" | ");
}

/** The TypeScript type a JSON Schema describes. */
export function typeOf(schema: Schema | undefined | boolean): string {
  if (schema === undefined || schema === true) return "unknown";
  if (schema === false) return "never";
  if (schema.const !== undefined) return literal(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));
  if (Array.isArray(schema.anyOf)) return union((schema.anyOf as Schema[]).map(typeOf));
  if (Array.isArray(schema.oneOf)) return union((schema.oneOf as Schema[]).map(typeOf));
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as Schema[]).map(typeOf).filter((p) => p !== "unknown");
    return parts.length === 0 ? "unknown" : parts.map((p) => `(${p})`).join(" & ");
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : [];
  if (types.length === 0) {
    if (schema.properties || schema.additionalProperties !== undefined) return objectType(schema);
    if (schema.items || schema.prefixItems) return arrayType(schema);
    return "unknown";
  }
  return union(types.map((type) => primitive(type, schema)));
}

function primitive(type: string, schema: Schema): string {
  switch (type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return arrayType(schema);
    case "object":
      return objectType(schema);
    default:
      return "unknown";
  }
}

function arrayType(schema: Schema): string {
  if (Array.isArray(schema.prefixItems)) {
    const items = (schema.prefixItems as Schema[]).map(typeOf);
    const rest =
      schema.items === false || schema.items === undefined ? "" : `, ...${wrap(typeOf(schema.items as Schema))}[]`;
    return `[${items.join(", ")}${rest}]`;
  }
  return `${wrap(typeOf(schema.items as Schema | undefined))}[]`;
}

const wrap = (type: string) => (/^[A-Za-z0-9_$.]+$/.test(type) || /^\{[\s\S]*\}$/.test(type) ? type : `(${type})`);

function objectType(schema: Schema): string {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
  const required = new Set((schema.required ?? []) as string[]);
  const lines = properties.map(([name, sub]) => {
    const doc = typeof sub.description === "string" ? `/** ${sub.description.replaceAll("*/", "* /")} */\n` : "";
    return `${doc}${key(name)}${required.has(name) ? "" : "?"}: ${typeOf(sub)};`;
  });
  const extra = schema.additionalProperties as Schema | boolean | undefined;
  if (extra !== false && !(extra === undefined && properties.length > 0)) {
    const value = extra === undefined || extra === true ? "unknown" : typeOf(extra);
    // A record names its keys' kind (propertyNames' enum): a Partial<Record<...>> of those keys.
    const names = schema.propertyNames as Schema | undefined;
    if (properties.length === 0 && names && Array.isArray(names.enum))
      return `Partial<Record<${union(names.enum.map(literal))}, ${value}>>`;
    lines.push(`[key: string]: ${properties.length > 0 ? "unknown" : value};`);
  }
  return `{ ${lines.join("\n")} }`;
}

function jsonSchemaOf(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  return content?.["application/json"]?.schema;
}

/** One operation: `params`, `query`, `body` (JSON only) and `response` (the 2xx JSON answers). */
function operationType(op: Operation): string {
  const parameters = op.parameters ?? [];
  const group = (where: string) => {
    const list = parameters.filter((p) => p.in === where);
    return `{ ${list.map((p) => `${key(p.name)}${p.required ? "" : "?"}: ${typeOf(p.schema)};`).join(" ")} }`;
  };
  const fields = [`params: ${group("path")};`, `query: ${group("query")};`];
  const body = jsonSchemaOf(op.requestBody?.content);
  fields.push(`body: ${body ? typeOf(body) : "never"};`);
  const answers = Object.entries(op.responses ?? {})
    .filter(([status]) => status.startsWith("2"))
    .map(([status, response]) => {
      if (status === "204") return "undefined";
      const json = jsonSchemaOf(response.content);
      if (json) return typeOf(json);
      return response.content && Object.keys(response.content).length > 0 ? "unknown" : "undefined";
    });
  fields.push(`response: ${union(answers)};`);
  return `{ ${fields.join("\n")} }`;
}

/** The whole generated module, formatted as the repository formats TypeScript. */
export async function generateApiTypes(
  spec: { paths: Record<string, Record<string, Operation>> },
  outputPath: string,
): Promise<string> {
  const entries = Object.entries(spec.paths)
    .filter(([path]) => path.startsWith("/v1/"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, item]) => {
      const ops = METHODS.filter((m) => item[m]).map((m) => `${m}: ${operationType(item[m]!)};`);
      return `${JSON.stringify(path)}: { ${ops.join("\n")} };`;
    });
  const source = `// GENERATED from /openapi.json by test/api/generated-api-types.test.ts: do not edit by hand.
// Regenerate with \`npm run gen:api-types\`; the test fails while this file differs from the routes.
/* eslint-disable @typescript-eslint/no-empty-object-type -- \`{}\`: an operation without path parameters or query */

export interface ApiPaths { ${entries.join("\n")} }

export type ApiPath = keyof ApiPaths;
export type ApiMethod<P extends ApiPath> = keyof ApiPaths[P] & string;
type Operation<P extends ApiPath, M extends ApiMethod<P>> = ApiPaths[P][M] & {
  params: unknown; query: unknown; body: unknown; response: unknown;
};
/** What a route answers on success (204 is \`undefined\`). */
export type ApiResponse<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["response"];
/** The JSON body a route takes. */
export type ApiBody<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["body"];
/** The query a route takes. */
export type ApiQuery<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["query"];
/** The path parameters of a route. */
export type ApiParams<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>["params"];
`;
  return format(source, { ...(await resolveConfig(outputPath)), parser: "typescript", filepath: outputPath });
}
