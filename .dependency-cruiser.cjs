/**
 * The dependency rules of docs/ARCHITECTURE.md, checked by `npm test`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "graph-stands-alone",
      comment: "src/graph is the Meta client: it imports nothing else from the repo.",
      severity: "error",
      from: { path: "^src/graph/" },
      to: { path: "^src/", pathNot: "^src/graph/" },
    },
    {
      name: "emulator-only-uses-graph",
      comment: "src/emulator is a stand-in for Meta: it may use graph/ schemas and types, nothing else of ours.",
      severity: "error",
      from: { path: "^src/emulator/" },
      to: { path: "^src/", pathNot: "^src/(emulator|graph)/" },
    },
    {
      name: "modules-use-the-channel-port",
      comment:
        "Modules reach a WhatsApp provider through the channel port (src/channels/index.ts, docs/channels.md): never the Graph client, Meta's schemas in src/graph/, nor an adapter's folder. Test files are outside the cruise; their helpers live in test/support/channels.ts.",
      severity: "error",
      from: { path: "^src/modules/" },
      to: { path: "^src/(graph|channels)/", pathNot: "^src/channels/index\\.ts$" },
    },
    {
      name: "channels-stand-apart",
      comment:
        "The port and its adapters import no module and no composition root: a connection's secret reaches them from the connection module, per call.",
      severity: "error",
      from: { path: "^src/channels/" },
      to: { path: "^src/(modules|emulator)/|^src/(main|cli|sandbox)" },
    },
    {
      name: "only-adapters-use-graph",
      comment:
        "Within src/channels, only Meta's adapter (meta/) uses the Graph client; wire.ts re-exports the Cloud API schemas every adapter shares.",
      severity: "error",
      from: { path: "^src/channels/", pathNot: ["^src/channels/meta/", "^src/channels/wire\\.ts$"] },
      to: { path: "^src/graph/" },
    },
    {
      name: "platform-never-imports-modules",
      severity: "error",
      from: { path: "^src/platform/" },
      to: { path: "^src/(modules|emulator)/|^src/(main|cli|sandbox)" },
    },
    {
      name: "modules-through-index-only",
      comment: "A module imports another only through its index.ts.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/([^/]+)/", pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/index\\.ts$"] },
    },
    {
      name: "modules-do-not-use-the-emulator",
      comment: "Only the composition root decides whether Wharf talks to Meta or to the emulator.",
      severity: "error",
      from: { path: "^src/modules/" },
      to: { path: "^src/emulator/" },
    },
    {
      name: "routes-do-not-touch-sql",
      comment: "Routes call use-cases; SQL lives in *.repo.ts.",
      severity: "error",
      from: { path: "\\.routes\\.ts$" },
      to: { path: "(^node_modules/(kysely|pg|better-sqlite3)/)|\\.repo\\.ts$" },
    },
    {
      name: "src-does-not-import-tests",
      comment: "Production code never depends on test support code.",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.ts$" },
      to: { path: "^test/" },
    },
    {
      name: "send-rules-only-through-admission",
      comment:
        "The send rules and the messaging limit are applied by admitOutbound alone (docs/ARCHITECTURE.md, adding a send rule); others import admission/index.ts.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/modules/messages/admission/", "\\.test\\.ts$"] },
      to: { path: "^src/modules/messages/admission/", pathNot: "^src/modules/messages/admission/index\\.ts$" },
    },
    {
      name: "only-routes-use-http",
      comment:
        "Use-cases and repositories take plain values and throw AppError from platform/errors; only *.routes.ts (and the composition root) speak HTTP. Types such as Role and Principal may be imported.",
      severity: "error",
      from: { path: "^src/modules/", pathNot: ["\\.routes\\.ts$", "\\.test\\.ts$"] },
      to: { path: "^src/platform/http/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.ts$" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.ts$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js"],
    },
  },
};
