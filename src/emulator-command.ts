import { parseArgs } from "node:util";
import { startEmulatorServer } from "./emulator/index.js";

/** `wharf emulator`: the Meta emulator alone, for tests, benchmarks and trying a Meta client. */
export async function runEmulatorCommand(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: "4010" },
        host: { type: "string", default: "127.0.0.1" },
        "webhook-url": { type: "string" },
        "app-id": { type: "string" },
        "app-secret": { type: "string" },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(
      `${(err as Error).message}\nUsage: wharf emulator --port 4010 --webhook-url URL [--app-id ID --app-secret S]\n`,
    );
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write("--port must be a number from 0 to 65535\n");
    return 2;
  }
  const server = await startEmulatorServer({
    host: values.host as string,
    port,
    ...(values["webhook-url"] ? { webhookUrl: values["webhook-url"] as string } : {}),
    ...(values["app-id"] ? { appId: values["app-id"] as string } : {}),
    ...(values["app-secret"] ? { appSecret: values["app-secret"] as string } : {}),
  });
  process.stdout.write(
    `Meta emulator listening on ${server.url}\n  App id:     ${server.appId}\n  App secret: ${server.appSecret}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await server.close();
  return 0;
}
