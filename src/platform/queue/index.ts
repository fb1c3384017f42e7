export {
  leasedQueue,
  leaseFree,
  LEASE_COLUMNS,
  refundAttempt,
  type LeasedQueue,
  type QueueTable,
  type QueueStats,
  type ClaimRequest,
  type QueueWhere,
} from "./leased-queue.js";
export { pollLoop, type PollLoop, type PollLoopOptions } from "./poll-loop.js";
export { reportLoopError, type LoopObserver } from "./loop-errors.js";
export { writeBatchOrEach, type ItemResult } from "./write-batch-or-each.js";
