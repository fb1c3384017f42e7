// What the feature-page browser tests set up over the API before the browser opens: a connected
// workspace with active numbers, and approved templates. Also a valid PNG for upload tests.
import { deflateSync } from "node:zlib";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import type { StartedWharf } from "../support/wharf.js";

export interface Workspace {
  api: ReturnType<typeof apiClient>;
  numbers: ConnectedNumbers;
}

export async function connectedWorkspace(wharf: StartedWharf): Promise<Workspace> {
  const numbers = await connectAndActivate(wharf.url, wharf.demo.apiKey);
  return { api: apiClient(wharf.url, wharf.demo.apiKey), numbers };
}

/** Meta's id for a template the emulator holds. */
export async function metaTemplateId({ api }: Workspace, name: string): Promise<string> {
  const state = await api.emulator("GET", "/state");
  const found = (state.templates as { id: string; name: string }[]).find((t) => t.name === name);
  if (!found) throw new Error(`the emulator has no template ${name}`);
  return found.id;
}

/** Meta's reviewer decides; resolves once Wharf has the new status. */
export async function review(ws: Workspace, name: string, status: string, reason?: string): Promise<void> {
  const id = await metaTemplateId(ws, name);
  await ws.api.emulator("POST", `/templates/${id}/review`, { status, ...(reason ? { reason } : {}) });
}

/** A UTILITY template with the given body and its samples, approved by Meta. */
export async function approvedTemplate(ws: Workspace, name: string, body: string, samples: string[]): Promise<void> {
  const created = await ws.api.call("POST", "/v1/templates", {
    name,
    language: "en_US",
    category: "UTILITY",
    components: [{ type: "BODY", text: body, ...(samples.length ? { example: { body_text: [samples] } } : {}) }],
  });
  if (created.status !== 201) throw new Error(`template ${name}: ${JSON.stringify(created.body)}`);
  await review(ws, name, "APPROVED");
  await eventually(
    async () => {
      const list = (await ws.api.call("GET", "/v1/templates")).body.data as { name: string; status: string }[];
      return list.some((t) => t.name === name && t.status === "APPROVED");
    },
    10_000,
    `${name} approved`,
  );
}

/** What the emulator accepted on /messages from the number. */
export async function acceptedByMeta(
  ws: Workspace,
  metaPhoneNumberId: string,
): Promise<{ body: Record<string, unknown> }[]> {
  return (await ws.api.emulator("GET", `/messages?phoneNumberId=${metaPhoneNumberId}`)).data;
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A real RGB PNG: a teal gradient with noise, so it is a few megabytes and uploads in steps. */
export function noisyPng(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const noise = Math.floor(Math.random() * 60);
      row[1 + x * 3] = 11 + noise;
      row[2 + x * 3] = Math.floor(122 + (y / height) * 100) - noise;
      row[3 + x * 3] = Math.floor(95 + (x / width) * 120) - noise;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
