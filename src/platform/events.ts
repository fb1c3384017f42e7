// The events' import surface: the catalog (what may happen) and the bus (recording and live delivery).
export {
  createEventBus,
  LIVE_EVENTS_TOPIC,
  type EventBus,
  type EventBusOptions,
  type EventSink,
  type RecordOptions,
} from "./events/bus.js";
export { createLiveFeed, type LiveFeed } from "./events/live-feed.js";
export {
  liveEventsMigrations,
  pruneLiveEventsJob,
  LIVE_EVENT_RETENTION_MS,
  type LiveEvent,
} from "./events/live-log.js";
export {
  CAMPAIGN_STATUSES,
  EVENT_CATALOG,
  EVENT_TYPES,
  ENDPOINT_EVENT_TYPES,
  isEventType,
  type EventType,
  type EventData,
  type WharfEvent,
  type RecordedEvent,
  type EventSpec,
} from "./events/catalog.js";
