// The events' import surface: the catalog (what may happen) and the bus (recording and live delivery).
export { createEventBus, type EventBus, type EventSink, type RecordOptions } from "./events/bus.js";
export {
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
