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
  const wharf = await createWharf(config, { roles });
  const url = await wharf.start();
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
