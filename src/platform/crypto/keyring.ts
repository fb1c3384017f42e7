import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface MasterKey {
  /** A fingerprint, stored beside each wrapped data key so the right master key can be picked. */
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: MasterKey;
  find(id: string): MasterKey | undefined;
  /** Re-reads the keys from their source (sandbox key file) after a rotation by another process. */
  reload(): boolean;
}

export function masterKeyFrom(base64: string): MasterKey {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("a master key must be 32 bytes");
  return { id: createHash("sha256").update("wharf/master-key-id").update(key).digest("base64url").slice(0, 16), key };
}

export function staticKeyring(current: string, previous: string[] = []): Keyring {
  const cur = masterKeyFrom(current);
  const all = new Map([cur, ...previous.map(masterKeyFrom)].map((k) => [k.id, k]));
  return { current: cur, find: (id) => all.get(id), reload: () => false };
}

export const SANDBOX_KEY_FILE = "master.key";
export const SANDBOX_NEXT_KEY_FILE = "master.key.next";

/**
 * Sandbox mode keeps the master key in the data folder (mode 0600), generated on first start.
 * During `wharf keys rotate` the new key sits in master.key.next until every data key is re-wrapped,
 * so a process reading at that moment knows both.
 */
export function sandboxKeyring(dataDir: string): Keyring {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SANDBOX_KEY_FILE);
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  let keys = readSandboxKeys(dataDir);
  return {
    get current() {
      return keys.current;
    },
    find: (id) => keys.all.get(id),
    reload: () => {
      keys = readSandboxKeys(dataDir);
      return true;
    },
  };
}

function readSandboxKeys(dataDir: string): { current: MasterKey; all: Map<string, MasterKey> } {
  const current = masterKeyFrom(fs.readFileSync(path.join(dataDir, SANDBOX_KEY_FILE), "utf8").trim());
  const all = new Map([[current.id, current]]);
  const nextFile = path.join(dataDir, SANDBOX_NEXT_KEY_FILE);
  if (fs.existsSync(nextFile)) {
    const next = masterKeyFrom(fs.readFileSync(nextFile, "utf8").trim());
    all.set(next.id, next);
  }
  return { current, all };
}

export function generateMasterKey(): string {
  return randomBytes(32).toString("base64");
}
