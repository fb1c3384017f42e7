/**
 * Child process of `bench/emulator-messages.ts`. With BENCH_MODE=bare it is the baseline, a
 * bare Fastify JSON route; otherwise the emulator alone on 127.0.0.1, prepared the way a client
 * would prepare it (login, register, subscribe, approved template), so the benchmark measures
 * `/messages` and nothing else shares its event loop. It prints `{url, token, phoneNumberId}`.
 */
import Fastify from "fastify";
import { startEmulatorServer } from "../src/emulator/index.js";

interface Ready {
  url: string;
  token: string;
  phoneNumberId: string;
  close(): Promise<void>;
}

async function startBare(): Promise<Ready> {
  const app = Fastify({ logger: false });
  app.post("/messages", async (request) => ({
    messaging_product: "whatsapp",
    contacts: [{ input: (request.body as { to: string }).to }],
    messages: [{ id: "wamid.bare" }],
  }));
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url: `${url}/messages`, token: "", phoneNumberId: "", close: () => app.close() };
}

async function startEmulator(): Promise<Ready> {
  let sinkUrl: string | undefined;
  if (process.env.BENCH_WEBHOOKS === "1") {
    // A receiver that answers 200 at once, so webhooks cost the emulator what they would in a test.
    const sink = Fastify({ logger: false });
    sink.post("/webhooks/meta", async () => "ok");
    sinkUrl = `${await sink.listen({ port: 0, host: "127.0.0.1" })}/webhooks/meta`;
  }
  const server = await startEmulatorServer({
    port: 0,
    throughputMps: 1_000_000,
    maxStoredMessages: 200_000,
    ...(sinkUrl ? { webhookUrl: sinkUrl } : {}),
  });
  const graph = `${server.url}/v23.0`;
  const redirect = "http://localhost:3000/cb";
  const approve = await fetch(`${graph}/dialog/oauth/approve`, {
    method: "POST",
    body: new URLSearchParams({
      client_id: server.appId,
      redirect_uri: redirect,
      state: "s",
      config_id: "c",
      response_type: "code",
    }),
    redirect: "manual",
  });
  const code = new URL(approve.headers.get("location")!).searchParams.get("code")!;
  const exchange = new URLSearchParams({
    client_id: server.appId,
    client_secret: server.appSecret,
    code,
    redirect_uri: redirect,
  });
  const { access_token: token } = (await (await fetch(`${graph}/oauth/access_token?${exchange}`)).json()) as {
    access_token: string;
  };
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = (path: string, body?: unknown) =>
    fetch(`${graph}${path}`, { method: "POST", headers, body: JSON.stringify(body ?? {}) });

  const phone = [...server.emulator.state.phoneNumbers.values()][0]!;
  await post(`/${phone.id}/register`, { messaging_product: "whatsapp", pin: phone.pin });
  await post(`/${phone.wabaId}/subscribed_apps`);
  const created = await post(`/${phone.wabaId}/message_templates`, {
    name: "bench_update",
    language: "en_US",
    category: "UTILITY",
    components: [{ type: "BODY", text: "Hi {{1}}, order {{2}} shipped.", example: { body_text: [["Ana", "A-1"]] } }],
  });
  const { id } = (await created.json()) as { id: string };
  await fetch(`${server.url}/_emulator/templates/${id}/review`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: "APPROVED" }),
  });
  return { url: `${graph}/${phone.id}/messages`, token, phoneNumberId: phone.id, close: () => server.close() };
}

const ready = process.env.BENCH_MODE === "bare" ? await startBare() : await startEmulator();
process.stdout.write(`${JSON.stringify({ url: ready.url, token: ready.token, phoneNumberId: ready.phoneNumberId })}\n`);
process.on("SIGTERM", () => void ready.close().then(() => process.exit(0)));
