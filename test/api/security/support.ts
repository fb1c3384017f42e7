import { addMember } from "../../support/team.js";
import type { StartedWharf } from "../../support/wharf.js";
import type { Json } from "../../support/json.js";

export interface Reply {
  status: number;
  body: Json;
}

export interface Caller {
  token?: string;
  cookie?: string;
  csrf?: string;
}

/** A raw request: the path goes on the wire exactly as written (fetch would normalize `/./` and `%31`). */
export async function send(
  w: StartedWharf,
  method: string,
  path: string,
  caller: Caller = {},
  body?: unknown,
  options: { contentType?: string; timeoutMs?: number } = {},
): Promise<Reply> {
  const { request } = await import("node:http");
  const url = new URL(w.url);
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = {
    ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
    ...(caller.cookie ? { cookie: caller.cookie } : {}),
    ...(caller.csrf ? { "x-csrf-token": caller.csrf } : {}),
    ...(payload !== undefined
      ? {
          "content-type": options.contentType ?? "application/json",
          "content-length": String(Buffer.byteLength(payload)),
        }
      : {}),
  };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname === "localhost" ? "127.0.0.1" : url.hostname,
        port: url.port,
        method,
        path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON (the dashboard's HTML, an SSE stream): kept as text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    // A route that streams (server-sent events) never ends: the status is enough.
    req.setTimeout(options.timeoutMs ?? 5_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Runs `tasks` a batch at a time: fast, without a thousand sockets at once. */
export async function inBatches<T>(tasks: Array<() => Promise<T>>, size = 16): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < tasks.length; i += size)
    out.push(...(await Promise.all(tasks.slice(i, i + size).map((t) => t()))));
  return out;
}

/** A workspace made by the operator, with one dashboard user per role (the key counts as owner). */
export async function workspaceWithRoles(w: StartedWharf, name: string) {
  const ws = (await send(w, "POST", "/v1/workspaces", { token: w.adminToken }, { name })).body as {
    id: string;
    apiKey: string;
  };
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const sessions: Record<"owner" | "admin" | "agent", { cookie: string; csrf: string }> = {} as never;
  for (const role of ["owner", "admin", "agent"] as const) {
    const member = await addMember(w.url, ws.apiKey, {
      email: `${role}@${slug}.test`,
      role,
      name: `${role} of ${name}`,
    });
    sessions[role] = { cookie: member.cookie, csrf: member.csrfToken };
  }
  return { id: ws.id, apiKey: ws.apiKey, sessions };
}

/**
 * Spellings of a path that a careless check on the raw URL would not recognise as the path
 * itself: percent-encoded characters, doubled or dot segments, case, a trailing slash,
 * `;` parameters and double encoding. The router accepts some of them and 404s the rest.
 */
export function encodedVariants(path: string): string[] {
  const rest = path.slice("/v1".length);
  return [
    `/v%31${rest}`,
    `/%761${rest}`,
    `/%76%31${rest}`,
    `//v1${rest}`,
    `/v1/.${rest}`,
    `/v1${rest.replace(/\//g, "//")}`,
    `/V1${rest}`,
    `${path}/`,
    `${path};x=1`,
    `/v1;x=1${rest}`,
    `/v%2531${rest}`,
    `/v1${rest.replace(/^\/(.)/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`)}`,
  ];
}
