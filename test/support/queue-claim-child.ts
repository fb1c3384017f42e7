// A claimer in its own process, for the queue conformance suite: opens the database named by its
// arguments, prints "ready", waits for "go" on stdin, then claims small batches of the named queue
// until it is empty and prints the ids it got as JSON.
import { openDatabase } from "../../src/platform/db/index.js";
import { queueCases } from "./queue-cases.js";

const [url, dataDir, schema, queueName, owner] = process.argv.slice(2);
const database = openDatabase({
  url: url === "-" ? null : url!,
  dataDir: dataDir!,
  schema: schema === "-" ? undefined : schema,
});
const queue = queueCases.find((c) => c.name === queueName)!;

process.stdout.write("ready\n");
process.stdin.once("data", () => {
  claimAll().catch((err: unknown) => {
    // The parent reads stdout for "claimed"; a failure shows on stderr and in the exit code.
    console.error(err);
    process.exit(1);
  });
});

async function claimAll(): Promise<void> {
  const ids: string[] = [];
  for (;;) {
    const rows = await queue.claim(database.db, database.dialect, owner!, Date.now(), 60_000, 5);
    if (rows.length === 0) break;
    ids.push(...rows.map((r) => r.id));
    await new Promise((r) => setImmediate(r));
  }
  process.stdout.write(`claimed ${JSON.stringify(ids)}\n`);
  await database.close();
  process.exit(0);
}
