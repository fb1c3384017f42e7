import Fastify from "fastify";
import { createEmulator, type Emulator } from "./create-emulator.js";
import type { EmulatorOptions } from "./core/options.js";

export interface EmulatorServerOptions extends EmulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
}

export interface EmulatorServer {
  /** e.g. `http://127.0.0.1:4010`; Graph lives at `${url}/v23.0/...`. */
  url: string;
  appId: string;
  appSecret: string;
  emulator: Emulator;
  close(): Promise<void>;
}

/**
 * The emulator alone on its own port (`wharf emulator --port 4010 --webhook-url URL`). Fastify's
 * logger stays off: per-request logging would make the emulator the bottleneck of benchmarks.
 */
export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const host = options.host ?? "127.0.0.1";
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024, forceCloseConnections: true });
  const emulator = createEmulator(options);
  await app.register(emulator.plugin);
  const address = await app.listen({ host, port: options.port });
  const url = options.publicUrl ?? address.replace("://[::]", "://localhost").replace("://0.0.0.0", "://127.0.0.1");
  return {
    url,
    appId: emulator.appId,
    appSecret: emulator.appSecret,
    emulator,
    async close() {
      await emulator.close();
      await app.close();
    },
  };
}
