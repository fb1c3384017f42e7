import fs from "node:fs";
import ipaddr from "ipaddr.js";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { Config } from "./config/index.js";
import { systemClock, type Clock } from "./platform/clock.js";
import { migrate, openDatabase, secureDataDir, type Database, type WharfMigration } from "./platform/db/index.js";
import {
  createVault,
  sandboxKeyring,
  staticKeyring,
  vaultMigrations,
  type Keyring,
  type Vault,
} from "./platform/crypto/index.js";
import { createJobs, jobsMigrations, type JobDefinition, type Jobs, type Worker } from "./platform/jobs/index.js";
import { buildHttpServer, registerAuth, serveDashboard, type App } from "./platform/http/index.js";
import { createLogger, createMetrics, opsRoutes, type Metrics } from "./platform/observability/index.js";
import type { WharfModule } from "./platform/module.js";
import { accessMigrations, accessModule, resolveSession } from "./modules/access/index.js";
import { apiKeyResolver, workspacesMigrations, workspacesModule } from "./modules/workspaces/index.js";
import { connectionMigrations, connectionModule, type MetaApp } from "./modules/connection/index.js";
import { templatesMigrations, templatesModule } from "./modules/templates/index.js";
import { mediaModule } from "./modules/media/index.js";
import { messagesMigrations, messagesModule } from "./modules/messages/index.js";
import { campaignsMigrations, campaignsModule } from "./modules/campaigns/index.js";
import { inboxMigrations, inboxModule } from "./modules/inbox/index.js";
import { metaInboundMigrations, metaInboundModule } from "./modules/meta-inbound/index.js";
import { eventsOutMigrations, eventsOutModule } from "./modules/events-out/index.js";
import { createGraphClient } from "./graph/index.js";
import { createEventBus, type EventBus } from "./platform/events.js";
import { ensureSandboxSeed, type SandboxSeed } from "./sandbox.js";
import type { SandboxEmulator } from "./sandbox-emulator.js";

export const VERSION = "0.1.0";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every table's migrations, in the order they run. Each module owns its own. */
export const allMigrations: WharfMigration[] = [
  ...vaultMigrations,
  ...jobsMigrations,
  ...workspacesMigrations,
  ...accessMigrations,
  ...connectionMigrations,
  ...templatesMigrations,
  ...messagesMigrations,
  ...inboxMigrations,
  ...metaInboundMigrations,
  ...eventsOutMigrations,
  ...campaignsMigrations,
];

export interface Roles {
  /** HTTP API, dashboard, webhook receiver (and the emulator in sandbox mode). */
  api: boolean;
  /** Job worker. */
  worker: boolean;
}

export interface Wharf {
  config: Config;
  database: Database;
  vault: Vault;
  jobs: Jobs;
  metrics: Metrics;
  events: EventBus;
  meta: MetaApp;
  logger: Logger;
  app: App | null;
  sandbox: (SandboxSeed & { emulator: SandboxEmulator | null }) | null;
  /** Listens (api role) and starts the worker (worker role); returns the base URL when listening. */
  start(): Promise<string | null>;
  close(): Promise<void>;
}

export interface WharfOptions {
  roles: Roles;
  logger?: Logger;
  clock?: Clock;
  /** Where the built dashboard is; tests may point elsewhere. */
  webDistDir?: string;
  /** A PostgreSQL schema to live in (tests give each run its own); the server's search_path otherwise. */
  databaseSchema?: string;
}

/** The composition root: the only place that picks concrete adapters (design rule 5). */
export async function createWharf(config: Config, options: WharfOptions): Promise<Wharf> {
  const logger = options.logger ?? createLogger({ level: config.server.logLevel });
  const clock = options.clock ?? systemClock;
  const database = openDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    poolSize: config.database.poolSize,
    schema: options.databaseSchema,
  });
  try {
    await migrate(database.db, database.dialect, allMigrations, options.databaseSchema);
  } catch (err) {
    await database.close();
    throw err;
  }
  const keyring: Keyring = config.security.masterKey
    ? staticKeyring(config.security.masterKey, config.security.previousMasterKeys)
    : sandboxKeyring(config.database.dataDir);
  const vault = createVault({ db: database.db, keyring, clock });
  const metrics = createMetrics();
  const jobs = createJobs({ db: database.db, dialect: database.dialect, clock, logger, metrics });
  const events = createEventBus();

  let sandbox: Wharf["sandbox"] = null;
  if (config.mode === "sandbox")
    sandbox = {
      ...(await ensureSandboxSeed({ db: database.db, vault, clock, dataDir: config.database.dataDir })),
      emulator: null,
    };
  // Also on PostgreSQL: the sandbox key and demo credentials live in the data folder.
  if (fs.existsSync(config.database.dataDir)) secureDataDir(config.database.dataDir);
  const adminToken = config.security.adminToken ?? sandbox?.adminToken ?? null;
  const meta = metaAppFor(config, sandbox);
  // Everything a module may ask for; each takes only what it names (narrow deps).
  const services = {
    config,
    db: database.db,
    dialect: database.dialect,
    vault,
    jobs: jobs.queue,
    clock,
    events,
    logger,
    metrics,
    meta,
    graph: meta.graph,
  };
  const modules: WharfModule[] = [
    workspacesModule(services),
    accessModule({
      ...services,
      sessionTtlMs: config.security.sessionTtlMs,
      secureCookies: config.server.publicUrl.startsWith("https://"),
      publicUrl: config.server.publicUrl,
    }),
    connectionModule(services),
    templatesModule(services),
    mediaModule(services),
    inboxModule(services),
    metaInboundModule({ ...services, processing: { pollMs: config.jobs.pollMs, leaseMs: config.jobs.leaseMs } }),
    eventsOutModule({
      ...services,
      delivery: {
        pollMs: config.jobs.pollMs,
        ...(config.mode === "sandbox"
          ? { allowPrivateTargets: true, ownOrigin: { port: config.server.port, publicUrl: config.server.publicUrl } }
          : {}),
      },
    }),
    messagesModule({
      ...services,
      dispatch: { pollMs: config.jobs.pollMs, leaseMs: config.jobs.leaseMs, maxBatch: 200 },
    }),
    campaignsModule({ ...services, templates: services }),
  ];
  const jobDefinitions: JobDefinition[] = modules.flatMap((m) => m.jobs ?? []);

  let app: App | null = null;
  if (options.roles.api) {
    app = await buildHttpServer({ logger, version: VERSION, trustProxy: config.server.trustProxy });
    metrics.instrument(app);
    registerAuth(app, {
      adminToken,
      resolveApiKey: apiKeyResolver({
        db: database.db,
        clock,
        onError: (err) => logger.warn({ err }, "recording an API key's last use failed"),
      }),
      resolveSession: (cookie) => resolveSession({ db: database.db, clock }, cookie),
    });
    opsRoutes(app, { db: database.db, migrations: allMigrations, metrics });
    for (const m of modules) m.routes?.(app);
    // Production never loads the emulator: outside sandbox mode nothing is mounted at /_meta.
    if (sandbox)
      sandbox.emulator = await (await import("./sandbox-emulator.js")).mountSandboxEmulator(app, config, sandbox);
    await serveDashboard(app, options.webDistDir ?? path.join(ROOT, "web", "dist"));
  }

  let worker: Worker | null = null;
  if (options.roles.worker) {
    worker = jobs.createWorker(jobDefinitions, { ...config.jobs, onEvent: (event) => metrics.onJobEvent(event) });
    await jobs.scheduleRecurring(jobDefinitions);
  }

  return {
    config,
    database,
    vault,
    jobs,
    metrics,
    events,
    meta,
    logger,
    app,
    sandbox,
    async start() {
      for (const m of modules) await m.start?.();
      worker?.start();
      if (options.roles.worker) for (const m of modules) for (const w of m.workers ?? []) w.start();
      if (!app) return null;
      const exposure = sandboxExposureWarning(config);
      if (exposure) logger.warn({ host: config.server.host }, exposure);
      const address = await app.listen({ port: config.server.port, host: config.server.host });
      return address.replace("127.0.0.1", "localhost").replace("[::1]", "localhost");
    },
    async close() {
      await app?.close();
      await worker?.stop(config.server.shutdownGraceMs);
      if (options.roles.worker) for (const m of modules) for (const w of m.workers ?? []) await w.stop();
      for (const m of modules) await m.stop?.();
      await sandbox?.emulator?.close();
      await database.close();
    },
  };
}

/**
 * Sandbox mode prints a demo login and an operator token, and mounts the emulator's control API
 * (which can forge Meta's webhooks): fine on loopback, dangerous anywhere else.
 */
export function sandboxExposureWarning(config: Config): string | null {
  if (config.mode !== "sandbox" || isLoopback(config.server.host)) return null;
  return `Sandbox mode is listening on ${config.server.host}, not loopback: the demo login, the operator token and the Meta emulator's control API (/_meta/_emulator) are reachable from the network. Unset WHARF_HOST, or configure a Meta app for production mode.`;
}

function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  return ipaddr.isValid(host) && ipaddr.process(host).range() === "loopback";
}

/** Production talks to Meta as configured; sandbox mode to the emulator mounted on our own port. */
function metaAppFor(config: Config, sandbox: SandboxSeed | null): MetaApp {
  const base = config.server.publicUrl;
  const emulatorUrl = `${base}/_meta`;
  const graphUrl = sandbox ? emulatorUrl : config.meta.graphUrl;
  return {
    appId: sandbox?.metaApp.appId ?? config.meta.appId!,
    appSecret: sandbox?.metaApp.appSecret ?? config.meta.appSecret!,
    verifyToken: sandbox?.metaApp.verifyToken ?? config.meta.verifyToken ?? "",
    graphVersion: config.meta.graphVersion,
    dialogBaseUrl: sandbox ? emulatorUrl : config.meta.dialogUrl,
    configId: config.meta.configId,
    redirectUri: `${base}/oauth/meta/callback`,
    dashboardUrl: `${base}/`,
    graph: createGraphClient({
      baseUrl: graphUrl,
      version: config.meta.graphVersion,
      ...(config.meta.appSecretProof ? { appSecret: sandbox?.metaApp.appSecret ?? config.meta.appSecret! } : {}),
      ...(sandbox ? { mediaDownloadHosts: [new URL(base).host] } : {}),
    }),
  };
}
