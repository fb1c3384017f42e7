import { EventEmitter } from "node:events";
import type { WorkspaceId } from "./workspace-id.js";

/** Something that happened in a workspace, for the dashboard's live view and for other modules. */
export interface WorkspaceEvent {
  type: string;
  at: number;
  data: Record<string, unknown>;
}

export interface EventBus {
  publish(workspaceId: WorkspaceId, event: WorkspaceEvent): void;
  subscribe(workspaceId: WorkspaceId, listener: (event: WorkspaceEvent) => void): () => void;
  /** Every workspace's events: for modules that react to another module's (e.g. reconnect → resume). */
  subscribeAll(listener: (workspaceId: WorkspaceId, event: WorkspaceEvent) => void): () => void;
}

/** In-process. Modules keep their own state in the database, so a missed event never loses data. */
export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(workspaceId, event) {
      emitter.emit(`ws:${workspaceId}`, event);
      emitter.emit("all", workspaceId, event);
    },
    subscribe(workspaceId, listener) {
      emitter.on(`ws:${workspaceId}`, listener);
      return () => emitter.off(`ws:${workspaceId}`, listener);
    },
    subscribeAll(listener) {
      emitter.on("all", listener);
      return () => emitter.off("all", listener);
    },
  };
}
