import fs from "node:fs";
import { ConfigError, loadConfig, type Config } from "./config/index.js";
import { createWharf, sandboxExposureWarning, VERSION, type Roles } from "./main.js";
import { runKeysRotate } from "./keys-rotate.js";
import { runMigrate } from "./migrate-command.js";
import { runTeamCommand, TEAM_USAGE } from "./team-command.js";

const USAGE = `wharf ${VERSION}: self-hosted gateway to the WhatsApp Business Platform

Usage: wharf <command>

  start          API, dashboard, webhook receiver and workers in one process (npm start)
  serve          the HTTP role alone (scale-out on PostgreSQL)
  worker         the job worker alone (scale-out on PostgreSQL)
  migrate        apply pending database migrations and exit
  keys rotate    re-wrap every workspace data key under the current master key
${TEAM_USAGE}
  emulator       the Meta emulator alone: --port 4010 --webhook-url URL [--app-id ID --app-secret S]
  shopify-emulator  sign and post a Shopify webhook fixture: --url URL --workspace WS --secret S --topic T [--fixture F]

Configuration is read from the environment; see docs/configuration.md.`;

/** Returns the process exit code; long-running commands resolve when they are told to stop. */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === "--version") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  // Loaded on demand: the other commands never need the emulator.
  if (command === "emulator") return (await import("./emulator-command.js")).runEmulatorCommand(rest);
  if (command === "shopify-emulator")
    return (await import("./shopify-emulator-command.js")).runShopifyEmulatorCommand(rest);

  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }

  switch (command) {
    case "start":
      return runRoles(config, { api: true, worker: true });
    case "serve":
      return runRoles(config, { api: true, worker: false });
    case "worker":
      return runRoles(config, { api: false, worker: true });
    case "migrate":
      return runMigrate(config);
    case "users":
    case "api-keys":
      return runTeamCommand(config, command, rest);
    case "keys":
      if (rest[0] === "rotate") return runKeysRotate(config);
      process.stderr.write("Usage: wharf keys rotate\n");
      return 2;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

async function runRoles(config: Config, roles: Roles): Promise<number> {
  const dataDirProblem = checkDataDir(config.database.dataDir);
  if (dataDirProblem) {
    process.stderr.write(`${dataDirProblem}\n`);
    return 1;
  }
  let wharf: Awaited<ReturnType<typeof createWharf>> | null = null;
  let url: string | null;
  try {
    wharf = await createWharf(config, { roles });
    url = await wharf.start();
  } catch (err) {
    const line = startupProblem(err, config);
    if (!line) throw err;
    // Whatever had started (workers, the database) stops before the process exits.
    await wharf?.close().catch(() => undefined);
    process.stderr.write(`${line}\n`);
    return 1;
  }
  printBanner(wharf, url, roles);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  // A second signal means "now": nothing more is waited for.
  const now = () => {
    process.stderr.write("Second signal: exiting without finishing.\n");
    process.exit(1);
  };
  process.once("SIGINT", now);
  process.once("SIGTERM", now);
  // An orchestrator's SIGTERM: /readyz fails first and requests are still served for the drain
  // period, so the load balancer stops routing here before the listener closes. Ctrl-C (SIGINT)
  // and a worker, which no load balancer routes to, skip the wait.
  wharf.drain();
  const drainMs = signal === "SIGTERM" && roles.api ? config.server.shutdownDrainMs : 0;
  if (drainMs > 0) {
    process.stdout.write(`Shutting down: /readyz answers 503; still serving for ${drainMs} ms...\n`);
    await new Promise((resolve) => setTimeout(resolve, drainMs));
  }
  process.stdout.write("Shutting down: finishing requests, sends and running jobs...\n");
  await wharf.close();
  process.stdout.write("Stopped.\n");
  return 0;
}

function printBanner(wharf: Awaited<ReturnType<typeof createWharf>>, url: string | null, roles: Roles): void {
  const lines: string[] = [];
  const what = roles.api && roles.worker ? "API, dashboard and worker" : roles.api ? "API and dashboard" : "worker";
  lines.push(`Wharf ${VERSION} is running (${wharf.config.mode} mode; ${what}; ${wharf.database.dialect}).`);
  if (url) {
    lines.push(`  Dashboard:       ${url}/`);
    lines.push(`  API docs:        ${url}/docs`);
  }
  if (wharf.opsUrl) lines.push(`  Health, metrics: ${wharf.opsUrl}/healthz, /readyz, /metrics`);
  const sb = wharf.sandbox;
  if (sb && url) {
    lines.push(`  Demo login:      ${sb.demo.email} / ${sb.demo.password}`);
    lines.push(`  Operator token:  ${sb.adminToken}`);
    lines.push(`  Demo API key:    ${sb.demo.apiKey}`);
    if (sb.emulator)
      lines.push(
        `  Meta emulator:   ${url}/_meta (app id ${sb.metaApp.appId}; control API at ${url}/_meta/_emulator/state)`,
      );
    lines.push("  Sandbox mode: no Meta app configured; Wharf talks to its built-in Meta emulator.");
    const exposure = sandboxExposureWarning(wharf.config);
    if (exposure) lines.push("", `  WARNING: ${exposure}`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

/**
 * The data folder must exist (it is created if it can be) and be writable: SQLite, the sandbox's
 * keyring and the emulator's state live there. Said in one line, before anything opens it.
 */
export function checkDataDir(dir: string): string | null {
  const fix = "set WHARF_DATA_DIR to a folder this user can write.";
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.statSync(dir).isDirectory()) return `The data folder ${dir} is not a folder; ${fix}`;
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    const why: Record<string, string> = {
      EACCES: "permission denied",
      EPERM: "permission denied",
      EROFS: "read-only file system",
      ENOTDIR: "a part of its path is a file",
      EEXIST: "a file is in the way",
      ENOSPC: "no space left",
    };
    return `The data folder ${dir} cannot be used (${why[code] ?? code}); ${fix}`;
  }
}

/** A failure to start that an operator fixes by configuration, as one line; null for anything else. */
export function startupProblem(err: unknown, config: Config): string | null {
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.syscall === "listen" || e?.code === "EADDRINUSE") {
    const where = `${e.address ?? config.server.host}:${e.port ?? config.server.port}`;
    const variable = e.port === config.server.workerPort ? "WHARF_WORKER_PORT" : "PORT";
    if (e.code === "EADDRINUSE")
      return `Port ${where} is already in use (another Wharf, or another program): stop it, or set ${variable} to a free port.`;
    if (e.code === "EACCES")
      return `Not allowed to listen on ${where} (ports below 1024 need privileges): set ${variable} to 1024 or above.`;
    if (e.code === "EADDRNOTAVAIL")
      return `${where} is not an address of this machine: set WHARF_HOST to one of its addresses (or 0.0.0.0).`;
  }
  if (e?.code === "SQLITE_CANTOPEN" || e?.code === "SQLITE_READONLY")
    return `The database in ${config.database.dataDir} cannot be opened for writing (${e.code}); set WHARF_DATA_DIR to a folder this user can write.`;
  return null;
}
