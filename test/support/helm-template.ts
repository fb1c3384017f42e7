import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

/**
 * A small renderer for the subset of Helm's Go templates that deploy/helm/wharf uses, so the tests
 * can check what the chart renders without helm: `{{ .Values.x }}`, `$`, string/number literals,
 * `{{- -}}` trimming, `if` / `else` / `with` / `end`, `define` / `include`, and the functions
 * `default`, `required`, `quote`, `not`, `toYaml`, `nindent`, `indent`. Anything else throws, so a
 * template that grows past the subset fails the test instead of rendering wrongly.
 */

type Node =
  | { kind: "text"; text: string }
  | { kind: "out"; pipeline: string }
  | { kind: "if"; cond: string; then: Node[]; else: Node[] }
  | { kind: "with"; value: string; then: Node[]; else: Node[] };

interface Template {
  defines: Map<string, Node[]>;
  body: Node[];
}

export interface ChartContext {
  Values: Record<string, unknown>;
  Release: { Name: string; Namespace: string; Service: string };
  Chart: { Name: string; Version: string; AppVersion: string };
}

const ACTION = /\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g;

export function parseTemplate(source: string): Template {
  // Tokens with Go's trimming applied: `{{-` eats the whitespace before, `-}}` the whitespace after.
  const tokens: Array<{ text: string } | { action: string }> = [];
  let last = 0;
  let trimNext = false;
  for (const m of source.matchAll(ACTION)) {
    let text = source.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (m[1] === "-") text = text.replace(/\s+$/, "");
    tokens.push({ text });
    if (!m[2]!.startsWith("/*")) tokens.push({ action: m[2]! });
    trimNext = m[3] === "-";
    last = m.index + m[0].length;
  }
  let tail = source.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, "");
  tokens.push({ text: tail });

  const defines = new Map<string, Node[]>();
  let i = 0;
  function block(top: boolean): { nodes: Node[]; ended: "end" | "else" | null } {
    const nodes: Node[] = [];
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if ("text" in t) {
        if (t.text) nodes.push({ kind: "text", text: t.text });
        continue;
      }
      const [word, ...rest] = t.action.split(/\s+/);
      const arg = rest.join(" ");
      if (word === "end" || word === "else") {
        if (top) throw new Error(`unexpected {{ ${word} }}`);
        return { nodes, ended: word };
      }
      if (word === "if" || word === "with") {
        const then = block(false);
        const otherwise = then.ended === "else" ? block(false) : { nodes: [], ended: "end" as const };
        if (otherwise.ended !== "end") throw new Error(`{{ ${word} ${arg} }} has no {{ end }}`);
        nodes.push(
          word === "if"
            ? { kind: "if", cond: arg, then: then.nodes, else: otherwise.nodes }
            : { kind: "with", value: arg, then: then.nodes, else: otherwise.nodes },
        );
        continue;
      }
      if (word === "define") {
        const name = JSON.parse(arg) as string;
        const body = block(false);
        if (body.ended !== "end") throw new Error(`define ${name} has no {{ end }}`);
        defines.set(name, body.nodes);
        continue;
      }
      if (/^(range|template|block|break|continue)$/.test(word!)) throw new Error(`unsupported action: ${word}`);
      nodes.push({ kind: "out", pipeline: t.action });
    }
    if (!top) throw new Error("missing {{ end }}");
    return { nodes, ended: null };
  }
  return { defines, body: block(true).nodes };
}

/** Go templates' truth: false, 0, nil and empty strings, lists and maps are false. */
const truthy = (v: unknown): boolean =>
  !(
    v === undefined ||
    v === null ||
    v === false ||
    v === 0 ||
    v === "" ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0)
  );

/** What Go prints for a value; a map or a list is a template bug here. */
function scalar(v: unknown, what: string): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new Error(`${what} prints a map or list`);
}

function words(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/"(?:[^"\\]|\\.)*"|\S+/g)) out.push(m[0]);
  return out;
}

export function renderTemplate(t: Template, root: ChartContext, defines: Map<string, Node[]>): string {
  function term(token: string, dot: unknown): unknown {
    if (token.startsWith('"')) return JSON.parse(token);
    if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
    if (token === "true" || token === "false") return token === "true";
    if (token === ".") return dot;
    if (token.startsWith(".") || token.startsWith("$.")) {
      let v: unknown = token.startsWith("$") ? root : dot;
      for (const key of token.replace(/^\$?\./, "").split(".")) {
        if (v === null || typeof v !== "object") throw new Error(`cannot read ${key} in ${token}`);
        v = (v as Record<string, unknown>)[key];
      }
      return v;
    }
    throw new Error(`unsupported term: ${token}`);
  }

  function call(name: string, args: unknown[]): unknown {
    switch (name) {
      case "include": {
        const body = defines.get(args[0] as string);
        if (!body) throw new Error(`no template named ${String(args[0])}`);
        return render(body, args[1]);
      }
      case "default":
        return truthy(args[1]) ? args[1] : args[0];
      case "required":
        if (!truthy(args[1])) throw new Error(`required: ${String(args[0])}`);
        return args[1];
      case "quote":
        return JSON.stringify(scalar(args[0], "quote's argument"));
      case "not":
        return !truthy(args[0]);
      case "toYaml":
        return YAML.stringify(args[0]).replace(/\n$/, "");
      case "nindent":
      case "indent": {
        const pad = " ".repeat(args[0] as number);
        const text = String(args[1] as string)
          .split("\n")
          .map((l) => pad + l)
          .join("\n");
        return name === "nindent" ? `\n${text}` : text;
      }
      default:
        throw new Error(`unsupported template function: ${name}`);
    }
  }

  function evaluate(pipeline: string, dot: unknown): unknown {
    let value: unknown;
    pipeline.split(/\|(?=(?:[^"]*"[^"]*")*[^"]*$)/).forEach((command, index) => {
      const [head, ...rest] = words(command.trim());
      const args = rest.map((w) => term(w, dot));
      if (index > 0) args.push(value);
      value = /^[a-zA-Z]/.test(head!) ? call(head!, args) : rest.length === 0 ? term(head!, dot) : fail(command);
    });
    return value;
  }
  const fail = (command: string): never => {
    throw new Error(`unsupported command: ${command}`);
  };

  function render(nodes: Node[], dot: unknown): string {
    let out = "";
    for (const n of nodes) {
      if (n.kind === "text") out += n.text;
      else if (n.kind === "out") {
        out += scalar(evaluate(n.pipeline, dot), `{{ ${n.pipeline} }}`);
      } else if (n.kind === "if") out += render(truthy(evaluate(n.cond, dot)) ? n.then : n.else, dot);
      else {
        const v = evaluate(n.value, dot);
        out += truthy(v) ? render(n.then, v) : render(n.else, dot);
      }
    }
    return out;
  }
  return render(t.body, root);
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (base && over && typeof base === "object" && typeof over === "object" && !Array.isArray(over)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
    return out;
  }
  return over;
}

export interface RenderedChart {
  /** Every Kubernetes object the chart renders, from all template files. */
  objects: Array<Record<string, unknown> & { kind: string; metadata: { name: string } }>;
  /** Rendered text per template file (NOTES.txt included). */
  files: Record<string, string>;
}

/** `helm template` for the subset above: values.yaml merged with `values`, every template rendered and parsed. */
export function renderChart(
  chartDir: string,
  values: Record<string, unknown> = {},
  releaseName = "test",
): RenderedChart {
  const chart = YAML.parse(fs.readFileSync(path.join(chartDir, "Chart.yaml"), "utf8")) as Record<string, string>;
  const defaults = YAML.parse(fs.readFileSync(path.join(chartDir, "values.yaml"), "utf8")) as Record<string, unknown>;
  const context: ChartContext = {
    Values: merge(defaults, values) as Record<string, unknown>,
    Release: { Name: releaseName, Namespace: "default", Service: "Helm" },
    Chart: { Name: chart.name!, Version: chart.version!, AppVersion: chart.appVersion! },
  };
  const dir = path.join(chartDir, "templates");
  const parsed = fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({ name, template: parseTemplate(fs.readFileSync(path.join(dir, name), "utf8")) }));
  const defines = new Map<string, Node[]>();
  for (const p of parsed) for (const [k, v] of p.template.defines) defines.set(k, v);
  const files: Record<string, string> = {};
  const objects: RenderedChart["objects"] = [];
  for (const p of parsed) {
    if (p.name.startsWith("_")) continue;
    const text = renderTemplate(p.template, context, defines);
    files[p.name] = text;
    if (!p.name.endsWith(".yaml")) continue;
    for (const doc of YAML.parseAllDocuments(text)) {
      if (doc.errors.length > 0) throw new Error(`${p.name}: ${doc.errors[0]!.message}\n${text}`);
      const value = doc.toJS() as RenderedChart["objects"][number] | null;
      if (value) objects.push(value);
    }
  }
  return { objects, files };
}
