// A worker in its own process, for the SIGKILL test: opens the database named by its arguments,
// runs the recording job, and prints "ready" once it is polling.
import { openDatabase } from "../../src/platform/db/index.js";
import { systemClock } from "../../src/platform/clock.js";
import { createJobs } from "../../src/platform/jobs/index.js";
import { slowRecordingJob } from "./test-jobs.js";

const [url, dataDir, schema, leaseMs] = process.argv.slice(2);
const database = openDatabase({
  url: url === "-" ? null : url!,
  dataDir: dataDir!,
  schema: schema === "-" ? undefined : schema,
});
const jobs = createJobs({ db: database.db, dialect: database.dialect, clock: systemClock });
const worker = jobs.createWorker([slowRecordingJob(database.db, "child")], {
  concurrency: 10,
  pollMs: 20,
  leaseMs: Number(leaseMs),
});
worker.start();
process.stdout.write(`ready ${worker.owner}\n`);
