import type { FastifyRequest } from "fastify";
import { graphErrors } from "../core/meta-errors.js";
import { allParams, stringParam } from "./params.js";

/**
 * `?fields=a,b,c{x,y}` selection. Graph answers `id` plus the named fields, a node-specific
 * default set without `fields`, and code 100 for a field the node type does not have.
 * Sub-selections (`throughput{level}`) are accepted and return the whole sub-object.
 */
export function parseFieldList(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const names: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of raw) {
    if (ch === "{") depth++;
    else if (ch === "}") depth--;
    else if (ch === "," && depth === 0) {
      names.push(current.trim());
      current = "";
    } else if (depth === 0) current += ch;
  }
  names.push(current.trim());
  return names.filter(Boolean).map((n) => n.replace(/\..*$/, ""));
}

export function selectFields(
  node: Record<string, unknown>,
  raw: string | undefined,
  defaults: readonly string[],
  nodeType: string,
): Record<string, unknown> {
  const wanted = parseFieldList(raw) ?? defaults;
  const out: Record<string, unknown> = {};
  for (const name of wanted) {
    if (!(name in node)) throw graphErrors.nonexistingField(name, nodeType);
    const value = node[name];
    if (value !== undefined) out[name] = value;
  }
  if ("id" in node) out["id"] = node["id"];
  return out;
}

/** A node as the caller asked for it: the `fields` parameter (query or body), else the type's defaults. */
export function requestedFields(
  request: FastifyRequest,
  node: Record<string, unknown>,
  defaults: readonly string[],
  nodeType: string,
): Record<string, unknown> {
  return selectFields(node, stringParam(allParams(request), "fields"), defaults, nodeType);
}
