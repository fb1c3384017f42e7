import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../src/config/index.js";
import { eventually } from "../support/api-client.js";
import { messagesWebhookBody, signWebhookBody } from "../support/channels.js";
import { createDedicatedDatabase, type DedicatedDatabase } from "../support/pg-database.js";
import { composeDefault, DEPLOY, dockerfileFinalStage, readDeployFile } from "../support/deploy-files.js";
import { freePort, spawnProcess, type WharfProcess } from "../support/processes.js";

// Issue 13, acceptance 4, as far as a machine without a Docker engine goes (CI's have none): the
// image's final stage rehearsed here. Its files are laid out as deploy/Dockerfile's COPY lines of
// that stage say (read from the file), its node_modules pruned of dev dependencies as the build
// stage does, and the compose stack's commands run through deploy/docker-entrypoint.sh with the
// image's ENV and compose.yaml's environment: `init-secrets migrate` once, then a serve and a
// worker on one PostgreSQL database. A signed webhook posted to the serve is processed by the
// worker, and the operator token the entrypoint generated reads the result. What only Docker
// shows stays untested here: the base image and its apt packages, the `node` user, the network
// between containers and Caddy.
const REPO = path.join(DEPLOY, "..");
const pgUrl = testDatabaseUrl();

/** compose.yaml's environment of the Wharf services, each `${NAME:-default}` at its default. */
function composeEnvironment(): Record<string, string> {
  const compose = YAML.parse(readDeployFile("compose.yaml")) as { "x-wharf": { environment: Record<string, string> } };
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(compose["x-wharf"].environment)) {
    const resolved = composeDefault(value);
    if (resolved !== "") env[name] = resolved;
  }
  return env;
}

describe.skipIf(!pgUrl)("the image's runtime stage, rehearsed without Docker [postgres]", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-image-"));
  const procs: WharfProcess[] = [];
  let db: DedicatedDatabase | undefined;
  let env: Record<string, string>;
  let entrypoint: string;
  const inImage = (p: string) => path.join(root, p);
  const stage = dockerfileFinalStage();
  const app = inImage(stage.workdir);

  beforeAll(async () => {
    fs.mkdirSync(app, { recursive: true });
    for (const copy of stage.copies) {
      for (const source of copy.sources) {
        // The build stage's files are this checkout's (its WORKDIR is the same /app).
        const from = path.join(REPO, copy.fromBuild ? path.relative(stage.workdir, source) : source);
        const dest = copy.dest.startsWith("/")
          ? inImage(copy.dest)
          : path.join(app, copy.dest, copy.dest.endsWith("/") ? path.basename(source) : "");
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.cpSync(from, dest, { recursive: true });
      }
    }
    // The build stage's `npm prune --omit=dev`, with the lock file it has (the image keeps none).
    fs.copyFileSync(path.join(REPO, "package-lock.json"), path.join(app, "package-lock.json"));
    execFileSync("npm", ["prune", "--omit=dev", "--offline", "--no-audit", "--no-fund"], { cwd: app, stdio: "pipe" });
    fs.rmSync(path.join(app, "package-lock.json"));
    // The one change to what the image holds: the entrypoint names /app, here under `root`.
    entrypoint = inImage("usr/local/bin/wharf-entrypoint");
    const script = fs.readFileSync(entrypoint, "utf8");
    expect(script.match(/ \/app\//g)).toHaveLength(1);
    fs.writeFileSync(entrypoint, script.replace(" /app/", ` ${app}/`), { mode: 0o755 });

    db = await createDedicatedDatabase();
    const secretsDir = inImage("var/lib/wharf/secrets");
    fs.mkdirSync(secretsDir, { recursive: true });
    fs.mkdirSync(inImage("var/lib/wharf/data"), { recursive: true });
    env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: root,
      ...stage.env,
      ...composeEnvironment(),
      // Where this machine differs from the container: paths under `root`, its own database, loopback.
      WHARF_DATA_DIR: inImage("var/lib/wharf/data"),
      WHARF_SECRETS_FILE: path.join(secretsDir, "env"),
      DATABASE_URL: db.url,
      WHARF_HOST: "127.0.0.1",
      WHARF_DB_POOL_SIZE: "3",
      WHARF_SHUTDOWN_DRAIN_MS: "0",
    };
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill("SIGKILL")));
    await db?.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const run = (args: string[], extra: Record<string, string> = {}) => {
    const p = spawnProcess(
      `wharf-entrypoint ${args.join(" ")}`,
      "sh",
      [entrypoint, ...args],
      { ...env, ...extra },
      root,
    );
    procs.push(p);
    return p;
  };

  it("holds the runtime dependencies and not the build tools, and its entrypoint's init-secrets writes the secrets once, private", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    for (const dep of Object.keys(pkg.dependencies))
      expect(fs.existsSync(path.join(app, "node_modules", dep))).toBe(true);
    // The build and test tools are gone (a dev dependency that a runtime one needs, such as ajv, stays).
    for (const tool of ["vitest", "vite", "typescript", "eslint", "playwright-core", "react", "autocannon"])
      expect(fs.existsSync(path.join(app, "node_modules", tool)), tool).toBe(false);
    expect(fs.existsSync(path.join(app, "web", "dist", "index.html"))).toBe(true);

    const migrate = run(["init-secrets", "migrate"]);
    const code = await new Promise<number | null>((r) => migrate.proc.once("exit", r));
    expect(code, migrate.output()).toBe(0);
    const secrets = fs.readFileSync(env.WHARF_SECRETS_FILE!, "utf8");
    expect(secrets).toMatch(/^WHARF_MASTER_KEY=\S{44}\nWHARF_ADMIN_TOKEN=\S{43}\n$/);
    expect(fs.statSync(env.WHARF_SECRETS_FILE!).mode & 0o777).toBe(0o600);
  }, 120_000);

  it("runs compose's serve and worker: both ready, a signed webhook stored by one is processed by the other", async () => {
    const servePort = await freePort();
    const workerPort = await freePort();
    const serve = run(["serve"], { PORT: String(servePort) });
    const worker = run(["worker"], { WHARF_WORKER_PORT: String(workerPort) });
    await Promise.all([serve.waitFor(/is running/, 120_000), worker.waitFor(/is running/, 120_000)]);
    for (const port of [servePort, workerPort])
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 30_000, "readyz");

    const body = messagesWebhookBody("999000999", "888000888", {
      messages: [
        { from: "15550001111", id: "wamid.image.1", timestamp: "1700000000", type: "text", text: { body: "hi" } },
      ],
    });
    const posted = await fetch(`http://127.0.0.1:${servePort}/webhooks/meta`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signWebhookBody(body, env.WHARF_META_APP_SECRET!),
      },
      body,
    });
    expect(posted.status).toBe(200);

    // The operator token came from the secrets file through the entrypoint: the serve accepts it.
    const token = /WHARF_ADMIN_TOKEN=(\S+)/.exec(fs.readFileSync(env.WHARF_SECRETS_FILE!, "utf8"))![1]!;
    await eventually(
      async () => {
        const res = await fetch(`http://127.0.0.1:${servePort}/v1/webhooks/meta/flags`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (res.status !== 200) throw new Error(`flags: ${res.status} ${await res.text()}`);
        const flags = ((await res.json()) as { data: Array<{ kind: string; metaPhoneNumberId: string | null }> }).data;
        // Processed by the worker (a serve does not process): the number belongs to no workspace here.
        return flags.some((f) => f.kind === "unknown_number" && f.metaPhoneNumberId === "888000888");
      },
      30_000,
      "the worker's flag of the webhook",
    );

    await Promise.all([serve.kill("SIGTERM"), worker.kill("SIGTERM")]);
    expect([serve.proc.exitCode, worker.proc.exitCode]).toEqual([0, 0]);
  }, 240_000);
});
