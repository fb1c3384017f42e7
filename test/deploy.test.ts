import type { Json } from "./support/json.js";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, loadConfig } from "../src/config/index.js";
import { createMetrics, createReadiness, startOpsServer, type OpsServer } from "../src/platform/observability/index.js";
import { openTestDatabase, type TestDatabase } from "./support/databases.js";
import { composeDefault, DEPLOY, dockerfileFinalStage, readDeployFile } from "./support/deploy-files.js";
import { renderChart, type RenderedChart } from "./support/helm-template.js";
import { startWharf, type StartedWharf } from "./support/wharf.js";

// deploy/ checked without Docker or helm (neither runs in CI): the chart rendered by a small
// renderer of the template subset it uses, the compose file against the compose spec's structure,
// and both against what the code really reads and serves. `.ci/run` also builds the image when a
// Docker daemon answers.
const CHART = path.join(DEPLOY, "helm", "wharf");
const read = readDeployFile;
const ENTRYPOINT_VARIABLES = ["WHARF_SECRETS_FILE"];

const VALUES = {
  config: { publicUrl: "https://wharf.example.com" },
  meta: { appId: "123456789" },
  secrets: {
    databaseUrl: "postgres://wharf:pw@db.internal:5432/wharf",
    masterKey: Buffer.alloc(32, 9).toString("base64"),
    adminToken: "a".repeat(43),
    metaAppSecret: "s".repeat(32),
    metaVerifyToken: "verify-token-1",
  },
};

const containersOf = (d: Json): Json[] => d.spec.template.spec.containers;
const envOf = (c: Json): Record<string, Json> => Object.fromEntries(c.env.map((e: Json) => [e.name, e]));

describe("deploy/Dockerfile", () => {
  it("is multi-stage, runs as the unprivileged node user, and exposes the ports the config defaults to", () => {
    const d = dockerfileFinalStage();
    expect(d.stages).toBeGreaterThanOrEqual(2);
    expect(d.user).toBe("node");
    const defaults = loadConfig({});
    const inImage = loadConfig({ PORT: d.env.PORT, WHARF_WORKER_PORT: d.env.WHARF_WORKER_PORT });
    expect(d.expose.sort()).toEqual([inImage.server.port, inImage.server.workerPort].sort());
    expect([inImage.server.port, inImage.server.workerPort]).toEqual([
      defaults.server.port,
      defaults.server.workerPort,
    ]);
    // Every ENV the image sets is a variable Wharf reads.
    for (const name of Object.keys(d.env).filter((n) => n !== "NODE_ENV")) expect(CONFIG_VARIABLES).toContain(name);
    // The entrypoint it copies exists and ends in the real command.
    expect(d.text).toContain("COPY deploy/docker-entrypoint.sh");
    expect(read("docker-entrypoint.sh")).toContain("exec node /app/bin/wharf.js");
  });
});

describe("deploy/helm/wharf rendered with the required values", () => {
  let chart: RenderedChart;
  beforeAll(() => {
    chart = renderChart(CHART, VALUES);
  });
  const byKind = (kind: string) => chart.objects.filter((o) => o.kind === kind);
  const deployment = (component: string): Json =>
    byKind("Deployment").find((d: Json) => d.metadata.labels["app.kubernetes.io/component"] === component);

  it("Chart.yaml is a v2 application chart whose appVersion is the package's version", () => {
    const meta = YAML.parse(fs.readFileSync(path.join(CHART, "Chart.yaml"), "utf8"));
    const pkg = JSON.parse(fs.readFileSync(path.join(DEPLOY, "..", "package.json"), "utf8"));
    expect(meta).toMatchObject({ apiVersion: "v2", name: "wharf", type: "application" });
    expect(meta.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(meta.appVersion).toBe(pkg.version);
  });

  it("renders a serve and a worker Deployment, their Services, HPAs and the Secret", () => {
    expect(chart.objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      [
        "Deployment/test-wharf-serve",
        "Deployment/test-wharf-worker",
        "HorizontalPodAutoscaler/test-wharf-serve",
        "HorizontalPodAutoscaler/test-wharf-worker",
        "Secret/test-wharf",
        "Service/test-wharf",
        "Service/test-wharf-worker",
      ].sort(),
    );
    for (const o of chart.objects) {
      expect(o.apiVersion, o.kind).toBeTruthy();
      expect(o.metadata.name, o.kind).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  it("each Deployment runs its role with the env names Wharf reads, values its config accepts", () => {
    const secret: Json = byKind("Secret")[0];
    for (const role of ["serve", "worker"]) {
      const [c] = containersOf(deployment(role));
      expect(c.args).toEqual([role]);
      const env = envOf(c);
      for (const name of Object.keys(env)) expect(CONFIG_VARIABLES, `${role}: ${name}`).toContain(name);
      // Secret references name the rendered Secret and keys it has.
      const resolved: Record<string, string> = {};
      for (const [name, e] of Object.entries(env)) {
        if (e.valueFrom) {
          expect(e.valueFrom.secretKeyRef.name).toBe(secret.metadata.name);
          expect(Object.keys(secret.stringData)).toContain(e.valueFrom.secretKeyRef.key);
          resolved[name] = secret.stringData[e.valueFrom.secretKeyRef.key];
        } else {
          expect(typeof e.value, `${name} must be a string`).toBe("string");
          resolved[name] = e.value;
        }
      }
      const config = loadConfig(resolved);
      expect(config.mode).toBe("production");
      expect(config.database.url).toBe(VALUES.secrets.databaseUrl);
      // Ports: the container's port is the one this role listens on.
      const listens = role === "serve" ? config.server.port : config.server.workerPort;
      expect(c.ports.map((p: Json) => p.containerPort)).toEqual([listens]);
    }
  });

  it("probes use named ports of their own container, paths the role serves, and the pod runs as the image's user", () => {
    for (const role of ["serve", "worker"]) {
      const d = deployment(role);
      const [c] = containersOf(d);
      const names = c.ports.map((p: Json) => p.name);
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        expect(names, `${role} ${probe}`).toContain(c[probe].httpGet.port);
      }
      expect(c.livenessProbe.httpGet.path).toBe("/healthz");
      expect(c.readinessProbe.httpGet.path).toBe("/readyz");
      expect(d.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      // A read-only root needs somewhere to write: tsx's cache in /tmp.
      expect(c.volumeMounts.map((m: Json) => m.mountPath)).toContain("/tmp");
      // The drain and the jobs' grace fit in the time Kubernetes waits before SIGKILL.
      const env = envOf(c);
      const needMs = Number(env.WHARF_SHUTDOWN_DRAIN_MS.value) + Number(env.WHARF_SHUTDOWN_GRACE_MS.value);
      expect(d.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(needMs);
    }
  });

  it("Services select the pods of their component and target named container ports; HPAs scale the Deployments", () => {
    for (const svc of byKind("Service") as Json[]) {
      const component = svc.spec.selector["app.kubernetes.io/component"];
      const d = deployment(component);
      expect(d, svc.metadata.name).toBeDefined();
      expect(d.spec.selector.matchLabels).toEqual(svc.spec.selector);
      for (const [k, v] of Object.entries(svc.spec.selector)) expect(d.spec.template.metadata.labels[k]).toBe(v);
      for (const p of svc.spec.ports)
        expect(containersOf(d)[0].ports.map((cp: Json) => cp.name)).toContain(p.targetPort);
    }
    for (const hpa of byKind("HorizontalPodAutoscaler") as Json[]) {
      expect(byKind("Deployment").map((d) => d.metadata.name)).toContain(hpa.spec.scaleTargetRef.name);
      expect(hpa.spec.metrics[0]).toMatchObject({ type: "Resource", resource: { name: "cpu" } });
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
    }
    // Autoscaled Deployments leave the replica count to the HPA.
    expect(deployment("serve").spec.replicas).toBeUndefined();
  });

  it("the queue-depth metric of the worker HPA is one /metrics exports", async () => {
    const rendered = renderChart(CHART, { ...VALUES, worker: { autoscaling: { queueDepth: { enabled: true } } } });
    const hpa: Json = rendered.objects.find(
      (o) => o.kind === "HorizontalPodAutoscaler" && o.metadata.name.endsWith("-worker"),
    );
    const external = hpa.spec.metrics.find((m: Json) => m.type === "External").external;
    const names = (await createMetrics().registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names).toContain(external.metric.name);
    expect(["outbox", "webhook_events", "events_out", "jobs"]).toContain(external.metric.selector.matchLabels.queue);
  });

  it("with an existing Secret it renders none and every reference names that one; without values it refuses", () => {
    const rendered = renderChart(CHART, { ...VALUES, secrets: { existingSecret: "wharf-prod" } });
    expect(rendered.objects.filter((o) => o.kind === "Secret")).toEqual([]);
    for (const d of rendered.objects.filter((o) => o.kind === "Deployment"))
      for (const e of containersOf(d)[0].env.filter((e: Json) => e.valueFrom))
        expect(e.valueFrom.secretKeyRef.name).toBe("wharf-prod");
    expect(() => renderChart(CHART)).toThrow(/required: secrets.databaseUrl/);
    expect(() => renderChart(CHART, { ...VALUES, config: { publicUrl: "" } })).toThrow(/config.publicUrl is required/);
    expect(() => renderChart(CHART, { ...VALUES, secrets: { ...VALUES.secrets, masterKey: "" } })).toThrow(
      /secrets.masterKey/,
    );
  });
});

describe("the probes' paths answer on the ports each role serves", () => {
  let w: StartedWharf;
  let tdb: TestDatabase;
  let ops: OpsServer;
  beforeAll(async () => {
    w = await startWharf();
    tdb = await openTestDatabase("sqlite", []);
    ops = await startOpsServer(
      { db: tdb.db, migrations: [], readiness: createReadiness(), metrics: createMetrics({ role: "worker" }) },
      { port: 0, host: "127.0.0.1" },
    );
  }, 60_000);
  afterAll(async () => {
    await ops?.close();
    await tdb?.cleanup();
    await w?.close();
  });

  it("every httpGet path of the chart, the compose healthchecks and Caddy's health_uri answers the probe's 200", async () => {
    const chart = renderChart(CHART, VALUES);
    const paths: Array<[string, string]> = [];
    for (const d of chart.objects.filter((o) => o.kind === "Deployment") as Json[]) {
      const [c] = containersOf(d);
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"])
        paths.push([c.args[0], c[probe].httpGet.path]);
    }
    const compose = YAML.parse(read("compose.yaml"), { merge: true });
    for (const [name, service] of Object.entries<Json>(compose.services)) {
      const test = service.healthcheck?.test?.join(" ") ?? "";
      const m = /127\.0\.0\.1:(\d+)(\/\w+)/.exec(test);
      if (!m) continue;
      const role = service.command[0];
      const expected = role === "serve" ? loadConfig({}).server.port : loadConfig({}).server.workerPort;
      expect(Number(m[1]), `${name}'s healthcheck port`).toBe(expected);
      paths.push([role, m[2]!]);
    }
    paths.push(["serve", /health_uri (\S+)/.exec(read("Caddyfile"))![1]!]);
    expect(paths.length).toBeGreaterThanOrEqual(11);
    for (const [role, p] of paths) {
      // The answer of the probe itself (the dashboard answers 200 with HTML for any other path).
      const res = await fetch(`${(role === "serve" ? w.url : ops.url) + p}`);
      expect(res.status, `${role} ${p}`).toBe(200);
      expect(res.headers.get("content-type"), `${role} ${p}`).toMatch(/^application\/json/);
      expect(((await res.json()) as { status: string }).status, `${role} ${p}`).toBe("ok");
    }
  });
});

/**
 * The compose spec's structure for the fields deploy/compose.yaml uses (compose-spec.json, strict:
 * a misspelt or unknown key fails, as `docker compose config` would refuse it).
 */
const str = z.string().min(1);
const envValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const healthcheck = z.strictObject({
  test: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  interval: z
    .string()
    .regex(/^\d+(ms|s|m|h)$/)
    .optional(),
  timeout: z
    .string()
    .regex(/^\d+(ms|s|m|h)$/)
    .optional(),
  retries: z.number().int().optional(),
  start_period: z
    .string()
    .regex(/^\d+(ms|s|m|h)$/)
    .optional(),
  disable: z.boolean().optional(),
});
const service = z
  .strictObject({
    image: str.optional(),
    build: z.union([str, z.strictObject({ context: str, dockerfile: str.optional() })]).optional(),
    command: z.union([z.string(), z.array(z.string())]).optional(),
    entrypoint: z.union([z.string(), z.array(z.string())]).optional(),
    environment: z.union([z.record(z.string(), envValue), z.array(z.string())]).optional(),
    env_file: z.union([z.string(), z.array(z.string())]).optional(),
    ports: z.array(z.string().regex(/^(\d+:)?\d+(\/(tcp|udp))?$/)).optional(),
    volumes: z.array(z.string().regex(/^[^:]+:\/[^:]*(:(ro|rw))?$/)).optional(),
    depends_on: z
      .union([
        z.array(z.string()),
        z.record(
          z.string(),
          z.strictObject({
            condition: z.enum(["service_started", "service_healthy", "service_completed_successfully"]),
            restart: z.boolean().optional(),
            required: z.boolean().optional(),
          }),
        ),
      ])
      .optional(),
    restart: z.enum(["no", "always", "on-failure", "unless-stopped"]).optional(),
    healthcheck: healthcheck.optional(),
    stop_grace_period: z
      .string()
      .regex(/^\d+(ms|s|m|h)$/)
      .optional(),
  })
  .refine((s) => s.image !== undefined || s.build !== undefined, "a service needs an image or a build");
const composeFile = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/)
      .optional(),
    services: z.record(z.string().regex(/^[a-zA-Z0-9._-]+$/), service),
    volumes: z.record(z.string(), z.union([z.null(), z.strictObject({ driver: str.optional() })])).optional(),
  })
  .catchall(z.unknown())
  .superRefine((file, ctx) => {
    for (const key of Object.keys(file))
      if (!["name", "services", "volumes", "networks", "configs", "secrets"].includes(key) && !key.startsWith("x-"))
        ctx.addIssue({ code: "custom", message: `unknown top-level key ${key}` });
  });

describe("deploy/compose.yaml", () => {
  const raw = () => YAML.parse(read("compose.yaml"), { merge: true });
  const compose = () => composeFile.parse(raw());

  it("follows the compose spec's structure", () => {
    const result = composeFile.safeParse(raw());
    expect(result.success, JSON.stringify(result.error?.issues, null, 1)).toBe(true);
  });

  it("runs PostgreSQL, two serves, two workers and a round-robin proxy over both serves", () => {
    const c = compose();
    const byCommand = (cmd: string) =>
      Object.entries(c.services).filter(([, s]) => Array.isArray(s.command) && s.command[0] === cmd);
    expect(byCommand("serve")).toHaveLength(2);
    expect(byCommand("worker")).toHaveLength(2);
    expect(c.services.postgres?.image).toMatch(/^postgres:/);
    const caddy = read("Caddyfile");
    const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddy)![1]!.trim().split(/\s+/);
    expect(upstreams.sort()).toEqual(
      byCommand("serve")
        .map(([name]) => `${name}:${loadConfig({}).server.port}`)
        .sort(),
    );
    expect(caddy).toMatch(/lb_policy round_robin/);
    expect(c.services.proxy?.volumes).toContain("./Caddyfile:/etc/caddy/Caddyfile:ro");
  });

  it("gives Wharf only variables it reads, a configuration it accepts, and a database URL that reaches the postgres service", () => {
    const c = compose();
    for (const [name, s] of Object.entries(c.services)) {
      if (!s.build && s.image !== "wharf:local") continue;
      const env = s.environment as Record<string, string>;
      for (const key of Object.keys(env))
        expect([...CONFIG_VARIABLES, ...ENTRYPOINT_VARIABLES], `${name}: ${key}`).toContain(key);
      const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, composeDefault(v)]));
      const config = loadConfig({
        ...resolved,
        // Generated by `wharf-entrypoint init-secrets` on the first start.
        WHARF_MASTER_KEY: Buffer.alloc(32, 1).toString("base64"),
        WHARF_ADMIN_TOKEN: "t".repeat(43),
      });
      expect(config.mode).toBe("production");
      const db = new URL(config.database.url!);
      expect(Object.keys(c.services)).toContain(db.hostname);
      expect(db.username).toBe((c.services[db.hostname]!.environment as Record<string, string>).POSTGRES_USER);
    }
    for (const [, s] of Object.entries(c.services))
      for (const v of s.volumes ?? []) {
        const source = v.split(":")[0]!;
        if (!source.startsWith(".")) expect(Object.keys(c.volumes ?? {})).toContain(source);
        else expect(fs.existsSync(path.join(DEPLOY, source))).toBe(true);
      }
  });

  it("builds the image from deploy/Dockerfile, waits for the migrations, and lets a shutdown drain", () => {
    const c = compose();
    const serve = c.services["serve-1"]!;
    expect(serve.build).toEqual({ context: "..", dockerfile: "deploy/Dockerfile" });
    expect(fs.existsSync(path.join(DEPLOY, "..", (serve.build as { dockerfile: string }).dockerfile))).toBe(true);
    expect(serve.depends_on).toMatchObject({ migrate: { condition: "service_completed_successfully" } });
    expect(c.services.migrate?.command).toEqual(["init-secrets", "migrate"]);
    const env = serve.environment as Record<string, string>;
    const seconds = Number(/^(\d+)s$/.exec(serve.stop_grace_period!)![1]);
    expect(seconds * 1000).toBeGreaterThan(Number(env.WHARF_SHUTDOWN_DRAIN_MS) + Number(env.WHARF_SHUTDOWN_GRACE_MS));
  });
});

describe("deploy/grafana/wharf.json", () => {
  it("is a dashboard whose every query names a metric /metrics exports", async () => {
    const dashboard = JSON.parse(read("grafana/wharf.json"));
    expect(dashboard.title).toBeTruthy();
    const exported = new Set((await createMetrics().registry.getMetricsAsJSON()).map((m) => m.name));
    const exprs: string[] = dashboard.panels.flatMap((p: Json) => (p.targets ?? []).map((t: Json) => t.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(10);
    for (const expr of exprs)
      for (const [name] of expr.matchAll(/\bwharf_[a-z0-9_]+/g)) {
        const base = name.replace(/_(bucket|count|sum)$/, "");
        expect(exported.has(base) || exported.has(name), `${name} in ${expr}`).toBe(true);
      }
  });
});
