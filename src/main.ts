import fs from "node:fs";
import ipaddr from "ipaddr.js";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { Config } from "./config/index.js";
import { systemClock, type Clock } from "./platform/clock.js";
import {
  createSignals,
  migrate,
  openDatabase,
  secureDataDir,
  type Database,
  type Signals,
  type WharfMigration,
} from "./platform/db/index.js";
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
import {
  createLogger,
  createMetrics,
  createReadiness,
  opsRoutes,
  runShutdownSteps,
  startOpsServer,
  type MetaCallRecord,
  type LeaseProbe,
  type Metrics,
  type OpsServer,
  type QueueProbe,
  type ProcessRole,
  type Readiness,
} from "./platform/observability/index.js";
import type { WharfModule } from "./platform/module.js";
import { accessMigrations, accessModule, resolveSession } from "./modules/access/index.js";
import { apiKeyResolver, workspacesMigrations, workspacesModule } from "./modules/workspaces/index.js";
import {
  connectionMigrations,
  connectionModule,
  type D360Connector,
  type MetaApp,
} from "./modules/connection/index.js";
import { findTemplateShape, templatesMigrations, templatesModule } from "./modules/templates/index.js";
import { numbersMigrations, numbersModule } from "./modules/numbers/index.js";
import { mediaModule } from "./modules/media/index.js";
import {
  checkTemplateContent,
  eraseCustomerMessages,
  messagesMigrations,
  messagesModule,
} from "./modules/messages/index.js";
import { campaignSettlement, campaignsMigrations, campaignsModule } from "./modules/campaigns/index.js";
import { findContact, inboxMigrations, inboxModule } from "./modules/inbox/index.js";
import { issueD360WebhookSecret, metaInboundMigrations, metaInboundModule } from "./modules/meta-inbound/index.js";
import { eventsOutMigrations, eventsOutModule } from "./modules/events-out/index.js";
import {
  commerceContacts,
  commerceMigrations,
  commerceModule,
  eraseContactEvents,
  eventDataSchema,
} from "./modules/commerce/index.js";
import { shopifyMigrations, shopifyModule } from "./modules/shopify/index.js";
import { catalogMigrations, catalogModule, DEFAULT_SYNC_SETTINGS } from "./modules/catalog/index.js";
import { automationsMigrations, automationsModule } from "./modules/automations/index.js";
import {
  endAutomationJourneys,
  journeyStats,
  journeyTimeline,
  journeysMigrations,
  journeysModule,
  listJourneys,
} from "./modules/journeys/index.js";
import { createGraphClient, GraphError, type GraphCallObservation } from "./graph/index.js";
import { createChannelRegistry, type ChannelRegistry } from "./channels/index.js";
import { createMetaChannel } from "./channels/meta/index.js";
import {
  createD360Channel,
  d360ConnectionFromKey,
  d360ConnectionsFromRedirect,
  d360ConnectUrl,
  d360Endpoints,
  registerD360Webhook,
} from "./channels/d360/index.js";
import {
  createEventBus,
  createLiveFeed,
  liveEventsMigrations,
  pruneLiveEventsJob,
  type EventBus,
} from "./platform/events.js";
import { liveEventRoutes } from "./platform/events/events.routes.js";
import type { EventStreams } from "./platform/events/event-stream.js";
import { ensureSandboxSeed, SANDBOX_D360_PARTNER, type SandboxSeed } from "./sandbox.js";
import type { SandboxEmulator } from "./sandbox-emulator.js";
import { AppError } from "./platform/errors/index.js";

export const VERSION = "0.1.0";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every table's migrations, in the order they run. Each module owns its own. */
export const allMigrations: WharfMigration[] = [
  ...vaultMigrations,
  ...jobsMigrations,
  ...liveEventsMigrations,
  ...workspacesMigrations,
  ...accessMigrations,
  ...connectionMigrations,
  ...templatesMigrations,
  ...messagesMigrations,
  ...inboxMigrations,
  ...metaInboundMigrations,
  ...eventsOutMigrations,
  ...campaignsMigrations,
  ...numbersMigrations,
  ...commerceMigrations,
  ...shopifyMigrations,
  ...catalogMigrations,
  ...automationsMigrations,
  ...journeysMigrations,
];

export interface Roles {
  /** HTTP API, dashboard, webhook receiver (and the emulator in sandbox mode). */
  api: boolean;
  /** Job worker. */
  worker: boolean;
}

/** The `role` label of every metric: which command runs these roles. */
export const roleName = (roles: Roles): ProcessRole => (roles.api ? (roles.worker ? "start" : "serve") : "worker");

export interface Wharf {
  config: Config;
  database: Database;
  vault: Vault;
  jobs: Jobs;
  metrics: Metrics;
  readiness: Readiness;
  events: EventBus;
  /** Cross-process wake-ups (PostgreSQL LISTEN/NOTIFY; in-process on SQLite). */
  signals: Signals;
  meta: MetaApp;
  /** The channel adapters (docs/channels.md), by the channel a connection names. */
  channels: ChannelRegistry;
  logger: Logger;
  app: App | null;
  sandbox: (SandboxSeed & { emulator: SandboxEmulator | null }) | null;
  /** Listens (api role) and starts the worker (worker role); returns the API's base URL when listening. */
  start(): Promise<string | null>;
  /** `wharf worker`'s /healthz, /readyz and /metrics (WHARF_WORKER_PORT), once started; null for the other roles. */
  readonly opsUrl: string | null;
  /** Shutdown's first step: /readyz answers 503 from now on, while everything else keeps working. */
  drain(): void;
  /** Stops taking work, lets in-flight requests, sends and jobs finish, releases leases, closes. */
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
  const metrics = createMetrics({
    role: roleName(options.roles),
    onProbeError: (probe, err) => logger.warn({ err, probe }, "a /metrics gauge could not be read"),
  });
  const readiness = createReadiness();
  // One listening connection per process, besides the pool: live events and work queued elsewhere.
  const signals = createSignals({
    dialect: database.dialect,
    db: database.db,
    url: config.database.url,
    schema: options.databaseSchema,
    logger,
  });
  try {
    await signals.start();
  } catch (err) {
    await database.close();
    throw err;
  }
  const jobs = createJobs({ db: database.db, dialect: database.dialect, clock, logger, metrics, signals });
  const events = createEventBus({
    live: {
      signals,
      onError: (err) => logger.warn({ err }, "an event recorded after its commit was not published live"),
    },
  });
  // When a workspace's sending pauses, the operator's log says so too (the event tells the workspace).
  events.subscribeAll((workspaceId, event) => {
    if (event.type === "connection.needs_reconnect")
      logger.warn(
        { workspaceId, reason: event.data.error },
        "sending paused: Meta refused the workspace's token; it resumes when an admin reconnects",
      );
    else if (event.type === "phone_number.sending_paused")
      logger.warn(
        { workspaceId, phoneNumberId: event.data.id, metaCode: event.data.metaCode, resumeAt: event.data.resumeAt },
        "sending paused: Meta's rate limit paused a number",
      );
  });
  // Reads other processes' events for this process's SSE streams: a poll as the fallback of signals
  // (on SQLite, the only way a separate worker's events arrive).
  const liveFeed = createLiveFeed({
    db: database.db,
    events,
    signals,
    logger,
    pollMs: database.dialect === "postgres" ? 5_000 : 1_000,
  });

  let sandbox: Wharf["sandbox"] = null;
  if (config.mode === "sandbox")
    sandbox = {
      ...(await ensureSandboxSeed({ db: database.db, vault, clock, dataDir: config.database.dataDir })),
      emulator: null,
    };
  // Also on PostgreSQL: the sandbox key and demo credentials live in the data folder.
  if (fs.existsSync(config.database.dataDir)) secureDataDir(config.database.dataDir);
  const adminToken = config.security.adminToken ?? sandbox?.adminToken ?? null;
  const meta = metaAppFor(config, sandbox, (call) => metrics.metaCall(metaCallRecord(call)));
  const d360Urls = d360Endpoints(
    config,
    sandbox ? { publicUrl: config.server.publicUrl, partner: SANDBOX_D360_PARTNER } : null,
  );
  const d360 = createD360Channel({ baseUrl: d360Urls.url, timeoutMs: config.meta.graphTimeoutMs });
  const d360Partner = d360Urls.partner
    ? {
        hubUrl: d360Urls.hubUrl,
        partnerId: d360Urls.partner.id,
        partnerApiKey: d360Urls.partner.apiKey,
        fetch: (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init),
        timeoutMs: config.meta.graphTimeoutMs,
      }
    : null;
  // Connecting by yourself through 360dialog: the adapter's connect helpers, bound to this Wharf's partner.
  const d360Connector: D360Connector = {
    fromKey: (apiKey) => d360ConnectionFromKey(d360.transport, apiKey),
    fromRedirect: (redirect, options) => {
      if (!d360Partner)
        return Promise.reject(
          new AppError("NOT_SUPPORTED_BY_CHANNEL", "This Wharf has no 360dialog partner configured."),
        );
      return d360ConnectionsFromRedirect(d360.transport, d360Partner, redirect, options);
    },
    registerWebhook: (apiKey, webhook) => registerD360Webhook(d360.transport, apiKey, webhook),
    connectUrl: (redirectUrl) =>
      d360Urls.partner ? d360ConnectUrl(d360Urls.connectUrl, d360Urls.partner.id, redirectUrl) : null,
  };
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
    channels: createChannelRegistry([meta.channel, d360]),
  };
  // Commerce events and the Shopify connector find and create contacts through inbox's index.
  const contacts = commerceContacts(services);
  const messages = messagesModule({
    ...services,
    dispatch: { pollMs: config.jobs.pollMs, maxBatch: 200, doubtGraceMs: config.jobs.sendDoubtGraceMs },
    campaigns: campaignSettlement(services),
  });
  const modules: WharfModule[] = [
    workspacesModule(services),
    accessModule({
      ...services,
      sessionTtlMs: config.security.sessionTtlMs,
      secureCookies: config.server.publicUrl.startsWith("https://"),
      publicUrl: config.server.publicUrl,
    }),
    connectionModule({
      ...services,
      d360: d360Connector,
      publicUrl: config.server.publicUrl,
      issueWebhookSecret: (trx, workspaceId, input) => issueD360WebhookSecret({ vault }, trx, workspaceId, input),
    }),
    templatesModule(services),
    numbersModule(services),
    mediaModule(services),
    // Erasing a contact erases its messages too; messages depends on inbox, so its function is handed in here.
    inboxModule({
      ...services,
      eraseMessages: async (trx, workspaceId, input) => {
        // Its business events name the customer too (orders, checkouts): they go in the same transaction.
        await eraseContactEvents(trx, workspaceId, input.contactId);
        return eraseCustomerMessages(trx, workspaceId, input);
      },
    }),
    metaInboundModule({
      ...services,
      signals,
      processing: { pollMs: config.jobs.pollMs, leaseMs: config.jobs.leaseMs },
    }),
    eventsOutModule({
      ...services,
      delivery: {
        pollMs: config.jobs.pollMs,
        ...(config.mode === "sandbox"
          ? { allowPrivateTargets: true, ownOrigin: { port: config.server.port, publicUrl: config.server.publicUrl } }
          : {}),
      },
    }),
    messages,
    campaignsModule({ ...services, templates: services }),
    commerceModule({ ...services, contacts }),
    shopifyModule({ ...services, contacts, publicUrl: config.server.publicUrl }),
    catalogModule({
      ...services,
      sync: {
        ...DEFAULT_SYNC_SETTINGS,
        intervalMs: config.catalog.syncIntervalMs,
        debounceMs: config.catalog.debounceMs,
        pollMs: config.catalog.pollMs,
        batchSize: config.catalog.batchSize,
      },
    }),
    // The automation runtime sends through messages' send path (same rules, same dispatcher).
    journeysModule({ ...services, send: messages.send.bind(messages) }),
    // Automations' API reads the runtime's journeys through what main hands over (journeys imports automations).
    automationsModule({
      ...services,
      findTemplateShape,
      checkTemplateContent,
      eventDataSchema,
      findContact: (db, ws, ref) => findContact(db, ws, ref.startsWith("ctc_") ? { id: ref } : { phone: ref }),
      journeys: {
        list: listJourneys,
        timeline: journeyTimeline,
        stats: journeyStats,
        end: (ws, id, reason) => endAutomationJourneys(services, ws, id, reason),
      },
    }),
  ];
  const jobDefinitions: JobDefinition[] = [
    pruneLiveEventsJob({ db: database.db, clock }),
    ...modules.flatMap((m) => m.jobs ?? []),
  ];

  let app: App | null = null;
  let streams: EventStreams | null = null;
  let opsServer: OpsServer | null = null;
  if (options.roles.api) {
    app = await buildHttpServer({
      logger,
      version: VERSION,
      trustProxy: config.server.trustProxy,
      // In sandbox mode the SDK's stand-in and its popup are ours (/_meta), so nothing is added.
      ...(sandbox ? {} : { extraOrigins: embeddedSignupOrigins(config) }),
    });
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
    opsRoutes(app, { db: database.db, migrations: allMigrations, metrics, readiness });
    streams = liveEventRoutes(app, { liveFeed });
    for (const m of modules) m.routes?.(app);
    // Production never loads the emulator: outside sandbox mode nothing is mounted at /_meta.
    if (sandbox)
      sandbox.emulator = await (await import("./sandbox-emulator.js")).mountSandboxEmulator(app, config, sandbox);
    await serveDashboard(app, options.webDistDir ?? path.join(ROOT, "web", "dist"));
  }

  const queues: Record<string, QueueProbe> = { jobs: (now) => jobs.stats(now) };
  const leases: Record<string, LeaseProbe> = {};
  for (const m of modules) {
    Object.assign(queues, m.probes?.queues);
    Object.assign(leases, m.probes?.leases);
  }
  metrics.watch({ queues, leases }, () => clock.now());

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
    readiness,
    events,
    signals,
    meta,
    channels: services.channels,
    logger,
    app,
    sandbox,
    get opsUrl() {
      return opsServer?.url ?? null;
    },
    async start() {
      // A worker's port first: a port already taken stops the process before it claims any work.
      if (!app)
        opsServer = await startOpsServer(
          { db: database.db, migrations: allMigrations, metrics, readiness },
          { port: config.server.workerPort, host: config.server.host },
        );
      for (const m of modules) await m.start?.();
      worker?.start();
      if (options.roles.worker) for (const m of modules) for (const w of m.workers ?? []) w.start();
      if (!app) return null;
      const exposure = sandboxExposureWarning(config);
      if (exposure) logger.warn({ host: config.server.host }, exposure);
      const address = await app.listen({ port: config.server.port, host: config.server.host });
      return address.replace("127.0.0.1", "localhost").replace("[::1]", "localhost");
    },
    drain() {
      readiness.drain();
    },
    async close() {
      readiness.drain();
      const grace = config.server.shutdownGraceMs;
      // Each step is bounded (a stuck one is logged by name and left behind): a shutdown that hangs
      // helps no one, and the orchestrator would kill the process anyway.
      await runShutdownSteps(
        [
          // Fastify answers new requests 503 and waits for the ones in flight (SSE streams end on preClose).
          {
            name: "http server",
            limitMs: grace + 20_000,
            run: async () => {
              if (!app) return;
              const server = app.server;
              // Requests still running after the grace (a slow Meta call, a keep-alive client that
              // keeps asking) have their connections closed, so the port is always given back.
              const force = setTimeout(() => {
                logger.warn({ graceMs: grace }, "closing the connections still open after the grace period");
                server.closeAllConnections();
              }, grace + 5_000);
              try {
                await app.close();
              } finally {
                clearTimeout(force);
              }
            },
          },
          // Running jobs finish within the grace period, pumps finish their batch in flight; leases
          // (numbers, jobs past the grace) are released so another worker takes them at once.
          { name: "job worker", limitMs: grace + 10_000, run: () => worker?.stop(grace) },
          ...(options.roles.worker
            ? modules.flatMap((m) =>
                (m.workers ?? []).map((w) => ({
                  name: `${m.name} worker`,
                  limitMs: grace + 10_000,
                  run: () => w.stop(),
                })),
              )
            : []),
          ...modules.map((m) => ({ name: `${m.name} module`, limitMs: 10_000, run: () => m.stop?.() })),
          { name: "event streams", limitMs: 5_000, run: () => streams?.closeAll() },
          { name: "sandbox emulator", limitMs: 10_000, run: () => sandbox?.emulator?.close() },
          { name: "live feed", limitMs: 5_000, run: () => liveFeed.close() },
          { name: "database signals", limitMs: 10_000, run: () => signals.close() },
          // Last: probes keep answering (503 on /readyz) while the worker finishes.
          { name: "ops server", limitMs: 5_000, run: () => opsServer?.close() },
          { name: "database", limitMs: 10_000, run: () => database.close() },
        ],
        logger,
      );
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

/** Meta's answer as a metrics label: `ok`, Meta's error code, the HTTP status without one, or `network`. */
function metaCallRecord(call: GraphCallObservation): MetaCallRecord {
  const err = call.error;
  const code =
    err === null
      ? "ok"
      : err instanceof GraphError
        ? err.code !== undefined
          ? String(err.code)
          : err.httpStatus !== undefined
            ? `http_${err.httpStatus}`
            : "network"
        : "error";
  return { method: call.method, endpoint: endpointOf(call.path), code, seconds: call.ms / 1000 };
}

/** `123456/messages` → `{id}/messages`: any segment with a digit is an id (Meta's are numeric, uploads' carry one). */
const endpointOf = (path: string): string =>
  path
    .split("?")[0]!
    .split("/")
    .map((s) => (/\d/.test(s) || s.length > 40 ? "{id}" : s))
    .join("/");

/** The emulator takes any Login for Business configuration id; sandbox mode offers the popup with this one. */
const SANDBOX_SIGNUP_CONFIG_ID = "100000000000001";

/**
 * What Meta's JavaScript SDK needs from the dashboard's CSP in production: its script, and the
 * facebook.com frames and calls it makes. Only with an Embedded Signup configuration (the popup is
 * offered only then). The popup posts its messages from the dialog's origin.
 */
export function embeddedSignupOrigins(config: Config): { scripts: string[]; frames: string[]; connects: string[] } {
  if (!config.meta.configId) return { scripts: [], frames: [], connects: [] };
  const facebook = [
    ...new Set([new URL(config.meta.dialogUrl).origin, "https://www.facebook.com", "https://web.facebook.com"]),
  ];
  return { scripts: [new URL(config.meta.sdkUrl).origin], frames: facebook, connects: facebook };
}

/** Production talks to Meta as configured; sandbox mode to the emulator mounted on our own port. */
function metaAppFor(
  config: Config,
  sandbox: SandboxSeed | null,
  onCall: (call: GraphCallObservation) => void,
): MetaApp {
  const base = config.server.publicUrl;
  const emulatorUrl = `${base}/_meta`;
  const graphUrl = sandbox ? emulatorUrl : config.meta.graphUrl;
  const appId = sandbox?.metaApp.appId ?? config.meta.appId!;
  const appSecret = sandbox?.metaApp.appSecret ?? config.meta.appSecret!;
  const graph = createGraphClient({
    baseUrl: graphUrl,
    version: config.meta.graphVersion,
    timeoutMs: config.meta.graphTimeoutMs,
    ...(config.meta.appSecretProof ? { appSecret } : {}),
    ...(sandbox ? { mediaDownloadHosts: [new URL(base).host] } : {}),
    onCall,
  });
  return {
    appId,
    appSecret,
    verifyToken: sandbox?.metaApp.verifyToken ?? config.meta.verifyToken ?? "",
    graphVersion: config.meta.graphVersion,
    dialogBaseUrl: sandbox ? emulatorUrl : config.meta.dialogUrl,
    configId: config.meta.configId,
    embeddedSignup: sandbox
      ? {
          configId: config.meta.configId ?? SANDBOX_SIGNUP_CONFIG_ID,
          sdkUrl: `${emulatorUrl}/sdk.js`,
          origins: [new URL(base).origin],
        }
      : config.meta.configId
        ? { configId: config.meta.configId, sdkUrl: config.meta.sdkUrl, origins: embeddedSignupOrigins(config).frames }
        : null,
    redirectUri: `${base}/oauth/meta/callback`,
    dashboardUrl: `${base}/`,
    channel: createMetaChannel(graph, { appId, appSecret }),
  };
}
