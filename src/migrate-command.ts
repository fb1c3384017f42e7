import type { Config } from "./config/index.js";
import { migrate, openDatabase } from "./platform/db/index.js";
import { allMigrations } from "./main.js";

export async function runMigrate(config: Config): Promise<number> {
  const database = openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolSize: 2 });
  try {
    const { applied } = await migrate(database.db, database.dialect, allMigrations);
    process.stdout.write(
      applied.length
        ? `Applied ${applied.length} migration(s):\n${applied.map((a) => `  ${a}`).join("\n")}\n`
        : "The database is up to date.\n",
    );
    return 0;
  } catch (err) {
    process.stderr.write(`Migration failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
