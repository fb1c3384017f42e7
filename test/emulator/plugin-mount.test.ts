import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator, SEED_IDS, type Emulator } from "../../src/emulator/index.js";
import type { Json } from "../support/json.js";

/**
 * Sandbox mode mounts the emulator under `/_meta` of Wharf's own app. The host keeps its own
 * routes, parsers and error format; the emulator keeps Meta's.
 */
let app: FastifyInstance;
let emulator: Emulator;
let base: string;

beforeAll(async () => {
  app = Fastify({ logger: false });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_r, body, done) =>
    done(null, { host: String(body) }),
  );
  app.post("/v1/echo", async (request) => ({ hostSaw: request.body }));
  // As sandbox mode configures it: the public URL includes the mount prefix.
  emulator = createEmulator({
    appSecret: "sandbox-secret",
    publicUrl: "http://wharf.test/_meta",
    redirectUris: ["http://wharf.test/oauth/meta/callback"],
  });
  await app.register(emulator.plugin, { prefix: "/_meta" });
  base = (await app.listen({ port: 0, host: "127.0.0.1" })) + "/_meta";
});
afterAll(async () => {
  await emulator.close();
  await app.close();
});

describe("mounted under /_meta", () => {
  it("serves the dialog, Graph and the control API under the prefix", async () => {
    const page = await fetch(
      `${base}/v23.0/dialog/oauth?client_id=${emulator.appId}&redirect_uri=${encodeURIComponent("http://wharf.test/oauth/meta/callback")}&state=s&response_type=code`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('action="http://wharf.test/_meta/v23.0/dialog/oauth/approve"');
    const graph = await fetch(`${base}/v23.0/${SEED_IDS.wabaId}`);
    // No token: Meta's 104 (HTTP 400).
    expect(((await graph.json()) as Json).error.code).toBe(104);
    const state = (await (await fetch(`${base}/_emulator/state`)).json()) as Json;
    expect(state.app).toMatchObject({
      id: emulator.appId,
      secret: "sandbox-secret",
      name: "Wharf Emulator App",
      requireAppSecret: false,
    });
    const unknown = await fetch(`${base}/v23.0/1/2/3`);
    expect(((await unknown.json()) as Json).error.message).toBe("Unknown path components: /v23.0/1/2/3");
  });

  it("leaves the host's parsers and routes alone", async () => {
    const res = await fetch(`${base.replace("/_meta", "")}/v1/echo`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(await res.json()).toEqual({ hostSaw: { host: "a=1" } });
    const missing = await fetch(`${base.replace("/_meta", "")}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Json).error).not.toHaveProperty("fbtrace_id");
  });

  it("exposes state and reset to the code that created it", async () => {
    expect(emulator.state.phoneNumbers.size).toBe(2);
    emulator.state.phoneNumbers.get(SEED_IDS.verifiedPhoneNumberId)!.registered = true;
    emulator.reset();
    expect(emulator.state.phoneNumbers.get(SEED_IDS.verifiedPhoneNumberId)!.registered).toBe(false);
  });
});
