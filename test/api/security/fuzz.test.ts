// Acceptance 3 (issue 11): every operation in /openapi.json, fuzzed from its own schemas with a fixed
// seed, as the workspace owner's API key and as a dashboard session with its CSRF token. No 5xx,
// every 4xx is the error envelope, and no secret in any answer or log line. New routes are picked
// up from the document; only the ones listed in SKIP are left out, each for a stated reason.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../support/databases.js";
import { startWharf, type StartedWharf } from "../../support/wharf.js";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  additionalProperties?: unknown;
  const?: unknown;
};
type Operation = {
  method: string;
  path: string;
  params: Array<{ in: string; name: string; schema?: Schema; required?: boolean }>;
  body?: { type: string; schema?: Schema };
};

const SEED = 20_261_111;
const SKIP: Array<[RegExp, string]> = [
  [/^\/_meta\//, "the sandbox's Meta emulator answers in Meta's error format, as Meta does"],
  [/^GET \/v1\/events$/, "a server-sent event stream: it never ends"],
  [/^POST \/v1\/auth\/logout$/, "would end the session the fuzzer is using"],
];

const weird = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "😀".repeat(50),
  "‮evil",
  "ﬀ",
  "null",
  "-1",
  "1e309",
  "NaN",
  "<script>",
  "'; drop table users; --",
  "../../etc/passwd",
  "\r\nx-injected: 1",
  "%00",
  "A".repeat(70_000),
];

function arbFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.anything({ maxDepth: 2 });
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.length > 0) return fc.oneof(...variants.map((s) => arbFor(s, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) return arbFor(Object.assign({}, ...schema.allOf), depth + 1);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string": {
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 40, 80);
      const valid =
        schema.format === "email"
          ? fc.emailAddress()
          : schema.format === "date-time"
            ? fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString())
            : schema.format === "uri"
              ? fc.webUrl()
              : fc.string({ minLength: min, maxLength: Math.max(min, max) });
      return fc.oneof(
        { weight: 4, arbitrary: valid },
        fc.constantFrom(...weird),
        fc.string({ unit: "binary", maxLength: 30 }),
        fc.constant("x".repeat((schema.maxLength ?? 1000) + 1)),
      );
    }
    case "integer":
    case "number": {
      const lo = schema.minimum ?? -1e6;
      const hi = schema.maximum ?? 1e6;
      return fc.oneof(
        {
          weight: 3,
          arbitrary:
            type === "integer"
              ? fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31) })
              : fc.double({ min: lo, max: hi, noNaN: true }),
        },
        fc.constantFrom(lo - 1, hi + 1, 0, -1, 2 ** 53 + 1, 1e308, -0, 0.5),
      );
    }
    case "boolean":
      return fc.oneof(fc.boolean(), fc.constantFrom("true", 1, null));
    case "array":
      return fc.oneof(
        { weight: 3, arbitrary: fc.array(arbFor(schema.items, depth + 1), { maxLength: 4 }) },
        fc.constant([]),
        fc.constant("not-an-array"),
      );
    case "object":
    default: {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) record[k] = arbFor(s, depth + 1);
      const obj = fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
      return fc.oneof(
        { weight: 4, arbitrary: obj },
        obj.map((o) => Object.assign(JSON.parse('{"__proto__":{"admin":true}}'), o)),
        fc.anything({ maxDepth: 3 }),
      );
    }
  }
}

// encodeURIComponent throws on a lone surrogate; the JSON bodies still carry them.
const encode = (v: string) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, "\ufffd"));
const nested = (depth: number): unknown => JSON.parse("[".repeat(depth) + "]".repeat(depth));

/** Path parameters: ids of ours and Meta's shape, strangers, and encodings a router may trip on. */
const pathParam = fc.oneof(
  fc.constantFrom("cmp_00000000000000000000", "msg_0", "ws_other", "1234567890", "wamid.HBgL", "hello_world"),
  fc.string({ maxLength: 20 }).map(encode),
  fc.string({ unit: "grapheme", maxLength: 10 }).map(encode),
  fc.constantFrom(
    "%",
    "%2",
    "%E0%A4%A",
    "%00",
    "%2F..%2F..",
    "..",
    ".",
    "%252F",
    "%C0%AF",
    "a%20b",
    "%F0%9F%98%80",
    "%ZZ",
    "x".repeat(700),
    "%2e%2e",
  ),
);

function operations(spec: {
  paths: Record<
    string,
    Record<string, { parameters?: Operation["params"]; requestBody?: { content: Record<string, { schema?: Schema }> } }>
  >;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (SKIP.some(([re]) => re.test(name) || re.test(path))) continue;
      const content = op.requestBody?.content ?? {};
      const type = Object.keys(content)[0];
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        ...(type ? { body: { type, schema: content[type]!.schema } } : {}),
      });
    }
  }
  return ops;
}

function requestArb(op: Operation) {
  const pathArbs: Record<string, fc.Arbitrary<string>> = {};
  for (const p of op.params.filter((p) => p.in === "path")) pathArbs[p.name] = pathParam;
  const queryArbs: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of op.params.filter((p) => p.in === "query")) queryArbs[p.name] = arbFor(p.schema);
  const bodyArb = op.body
    ? fc.oneof(
        { weight: 6, arbitrary: arbFor(op.body.schema).map((v) => ({ kind: "json" as const, v })) },
        fc.constant({ kind: "deep" as const, v: nested(200) }),
        fc.constantFrom(
          { kind: "raw" as const, v: "{" },
          { kind: "raw" as const, v: "" },
          { kind: "raw" as const, v: '{"a":1,"a":2}' },
          { kind: "raw" as const, v: "[]" },
          { kind: "raw" as const, v: "null" },
        ),
      )
    : fc.oneof(fc.constant(null), fc.constant({ kind: "json" as const, v: { unexpected: true } }));
  return fc.record({ path: fc.record(pathArbs), query: fc.record(queryArbs, { requiredKeys: [] }), body: bodyArb });
}

function serialiseQuery(query: Record<string, unknown>): string {
  const parts = Object.entries(query).map(
    ([k, v]) => `${encode(k)}=${encode(typeof v === "string" ? v : (JSON.stringify(v) ?? ""))}`,
  );
  return parts.length ? `?${parts.join("&")}` : "";
}

describeEachDialect("fuzzing every route from /openapi.json", (dialect) => {
  const runs = dialect === "sqlite" ? 14 : 4;
  let w: StartedWharf;
  const logLines: string[] = [];
  let session: { cookie: string; csrf: string; token: string };
  beforeAll(async () => {
    w = await startWharf({ dialect, logLines });
    const res = await fetch(`${w.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: w.demo.email, password: w.demo.password }),
    });
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("wharf_session="))!
      .split(";")[0]!;
    session = { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken, token: cookie.split("=")[1]! };
  });
  afterAll(() => w?.close());

  it("answers every generated request without a 5xx, with the envelope on every 4xx, and never with a secret", async () => {
    const spec = (await (await fetch(`${w.url}/openapi.json`)).json()) as Parameters<typeof operations>[0];
    const ops = operations(spec);
    expect(ops.length).toBeGreaterThan(40);
    const secrets = [w.demo.apiKey, session.token, w.adminToken, w.demo.password];
    const problems: string[] = [];
    let sent = 0;
    for (const [i, op] of ops.entries()) {
      const samples = fc.sample(requestArb(op), { seed: SEED + i, numRuns: runs });
      for (const [j, sample] of samples.entries()) {
        const asSession = j % 2 === 1;
        const path =
          op.path.replace(/\{([^}]+)\}/g, (_, name: string) => sample.path[name] ?? "x") + serialiseQuery(sample.query);
        const headers: Record<string, string> = asSession
          ? { cookie: session.cookie, "x-csrf-token": session.csrf }
          : { authorization: `Bearer ${w.demo.apiKey}` };
        let body: string | undefined;
        if (sample.body) {
          headers["content-type"] = op.body?.type ?? "application/json";
          body = sample.body.kind === "raw" ? sample.body.v : JSON.stringify(sample.body.v);
        }
        if (op.path === "/v1/auth/login") delete headers.authorization;
        // fetch resolves a `..` parameter (`%2e%2e` too, per the URL standard) before sending: what
        // reaches the server may be another route, and then the SKIP rules of that route apply.
        const sentPath = new URL(`${w.url}${path}`).pathname;
        if (SKIP.some(([re]) => re.test(`${op.method} ${sentPath}`))) continue;
        const label = `${op.method} ${path.slice(0, 200)} as ${asSession ? "session" : "api key"} body=${(body ?? "").slice(0, 200)}`;
        let res: Response;
        try {
          res = await fetch(`${w.url}${path}`, {
            method: op.method,
            headers,
            ...(body !== undefined && op.method !== "GET" ? { body } : {}),
            signal: AbortSignal.timeout(10_000),
          });
        } catch (err) {
          problems.push(`${label}: no answer (${(err as Error).message})`);
          continue;
        }
        sent++;
        const text = await res.text();
        if (res.status >= 500) problems.push(`${label}: ${res.status} ${text.slice(0, 300)}`);
        if (res.status >= 400) {
          let parsed: { error?: { code?: unknown; requestId?: unknown; message?: unknown } } | null = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* reported below */
          }
          const e = parsed?.error;
          if (
            !e ||
            typeof e.code !== "string" ||
            !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(e.code) ||
            typeof e.requestId !== "string" ||
            !e.requestId.startsWith("req_") ||
            typeof e.message !== "string"
          ) {
            problems.push(`${label}: ${res.status} without the envelope: ${text.slice(0, 300)}`);
          }
        }
        for (const s of secrets)
          if (text.includes(s) && !(op.path === "/v1/auth/login" && s === session.token))
            problems.push(`${label}: a secret in the answer`);
      }
    }
    for (const line of logLines)
      for (const s of secrets) if (line.includes(s)) problems.push(`a secret in a log line: ${line.slice(0, 300)}`);
    expect(sent).toBeGreaterThan(ops.length * runs * 0.9);
    expect(problems, problems.slice(0, 40).join("\n")).toEqual([]);
  }, 120_000);
});
