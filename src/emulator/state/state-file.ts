import fs from "node:fs";
import path from "node:path";
import type { EmulatorState } from "./emulator-state.js";
import type { MediaRecord } from "./content-model.js";
import type { SubscribedApp, WabaRecord } from "./model.js";
import type { D360ApiKey } from "../d360/d360-state.js";

/**
 * The emulated Meta's durable part in a JSON file, so an emulator restarted on the same file (the
 * sandbox's data folder) is the same Meta: the tokens it issued still work, WABAs keep their
 * subscribed apps, numbers stay registered with their PINs, templates keep their ids and statuses,
 * customers (usernames, withheld phones), their 24-hour windows and inbound media stay. What is in flight is not kept: status
 * webhooks not sent yet, webhook re-sends, authorization codes, upload sessions, catalog batches,
 * rate-limit counters and the log of sent messages (`GET /_emulator/messages`).
 */
const VERSION = 1;

interface StoredMedia extends Omit<MediaRecord, "bytes"> {
  bytesBase64: string;
}

interface StateFile {
  version: number;
  savedAt: number;
  app: { requireAppSecret: boolean; webhookVersion: string };
  users: unknown[];
  businesses: unknown[];
  wabas: Array<Record<string, unknown> & { subscribedApps: SubscribedApp[] }>;
  phoneNumbers: unknown[];
  catalogs: unknown[];
  tokens: unknown[];
  templates: unknown[];
  templateSeq: number;
  inbound: unknown[];
  /** Absent in files written before customers were kept (usernames, withheld phones). */
  customers?: unknown[];
  lastInboundAt: Array<[string, number]>;
  media: StoredMedia[];
  products: unknown[];
  /** 360dialog's channels (with their webhook configuration) and keys; absent in files saved before it. */
  d360?: { channels: unknown[]; keys: unknown[] };
}

export function snapshotState(state: EmulatorState, now: number): StateFile {
  return {
    version: VERSION,
    savedAt: now,
    app: { requireAppSecret: state.app.requireAppSecret, webhookVersion: state.app.webhookVersion },
    users: [...state.users.values()],
    businesses: [...state.businesses.values()],
    wabas: [...state.wabas.values()].map((w) => ({ ...w, subscribedApps: [...w.subscribedApps.values()] })),
    phoneNumbers: [...state.phoneNumbers.values()],
    catalogs: [...state.catalogs.values()],
    tokens: [...state.tokens.values()],
    templates: [...state.templates.values()],
    templateSeq: state.templateSeq,
    inbound: [...state.inbound.values()],
    customers: [...state.customers.values()],
    lastInboundAt: [...state.lastInboundAt.entries()],
    media: [...state.media.values()].map(({ bytes, ...m }) => ({ ...m, bytesBase64: bytes.toString("base64") })),
    products: [...state.products.values()],
    d360: { channels: [...state.d360.channels.values()], keys: [...state.d360.keys.values()] },
  };
}

function fill<T extends { id: string }>(map: Map<string, T>, rows: unknown[], key: (r: T) => string = (r) => r.id) {
  map.clear();
  for (const r of rows as T[]) map.set(key(r), r);
}

/**
 * Replaces the seeded records with the saved ones. The app's id, secret and webhook version stay the
 * configured ones (sandbox mode follows Wharf's configured Graph version).
 */
export function restoreState(state: EmulatorState, file: StateFile): void {
  state.app.requireAppSecret = file.app.requireAppSecret;
  fill(state.users, file.users);
  fill(state.businesses, file.businesses);
  state.wabas.clear();
  for (const { subscribedApps, ...w } of file.wabas) {
    const waba = { ...w, subscribedApps: new Map(subscribedApps.map((a) => [a.appId, a])) } as unknown as WabaRecord;
    state.wabas.set(waba.id, waba);
  }
  fill(state.phoneNumbers, file.phoneNumbers);
  fill(state.catalogs, file.catalogs);
  state.tokens.clear();
  for (const t of file.tokens as Array<{ token: string }>) state.tokens.set(t.token, t as never);
  fill(state.templates, file.templates);
  state.templateSeq = file.templateSeq;
  state.inbound.clear();
  for (const m of file.inbound as Array<{ wamid: string }>) state.inbound.set(m.wamid, m as never);
  state.customers.clear();
  for (const c of (file.customers ?? []) as Array<{ bsuid: string }>) state.customers.set(c.bsuid, c as never);
  state.lastInboundAt.clear();
  for (const [k, at] of file.lastInboundAt) state.lastInboundAt.set(k, at);
  state.media.clear();
  for (const { bytesBase64, ...m } of file.media)
    state.media.set(m.id, { ...m, bytes: Buffer.from(bytesBase64, "base64") });
  fill(state.products, file.products);
  if (file.d360) {
    fill(state.d360.channels, file.d360.channels);
    state.d360.keys.clear();
    for (const k of file.d360.keys as D360ApiKey[]) state.d360.keys.set(k.key, k);
  }
}

/** The saved state, or null when there is none yet (or it is from another format version). */
export function readStateFile(file: string): StateFile | null {
  if (!fs.existsSync(file)) return null;
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as StateFile;
  return parsed.version === VERSION ? parsed : null;
}

/**
 * Saves after changes, at most once per `delayMs` (a burst of requests is one write), and at once
 * on `flush()` (close). Written to a temporary file and renamed, so a crash leaves the old or the
 * new file, never half of one; mode 0600, since it holds the tokens the emulator issued.
 */
export function stateSaver(file: string, snapshot: () => StateFile, delayMs = 200) {
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    timer = null;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(snapshot()), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };
  return {
    changed(): void {
      if (timer) return;
      timer = setTimeout(write, delayMs);
      timer.unref?.();
    },
    flush(): void {
      if (timer) clearTimeout(timer);
      write();
    },
  };
}
