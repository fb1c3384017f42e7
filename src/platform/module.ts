import type { App } from "./http/index.js";
import type { JobDefinition } from "./jobs/index.js";
import type { Probes } from "./observability/index.js";

/**
 * What a feature module gives the composition root once its dependencies are built: its routes and
 * its jobs. (Its migrations are exported apart, because `wharf migrate` needs them with no services.)
 */
export interface WharfModule {
  name: string;
  routes?(app: App): void;
  jobs?: JobDefinition[];
  /** Called once the process is up (api and/or worker role); e.g. subscribe to another module's events. */
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
  /** Long-running loops of the worker role (e.g. the outbound dispatcher); not started by `wharf serve`. */
  workers?: Array<{ start(): void; stop(): Promise<void> }>;
  /** Its queues and leases as /metrics reports them (read at scrape time, by every role). */
  probes?: Probes;
}
