import { useEffect, useSyncExternalStore } from "react";
import { messageOf, setNeedsReconnectHandler } from "./api";
import { connectionApi, type Connection } from "./connection-api";

// One copy of the workspace's WhatsApp connection for the whole dashboard. The shell's reconnect
// banner and the connection page read the same value, so an action on the page moves the banner
// at once, and a lapse the server notices shows on every page without a reload.

export interface ConnectionSnapshot {
  /** Undefined until the first answer for the current workspace. */
  connection?: Connection;
  /** Why the last refresh failed; the last known connection stays. */
  error?: string;
}

/** Wharf announces a token's end a week ahead (the connection.token_expiring event). */
const EXPIRY_WARNING_MS = 7 * 24 * 3_600_000;

/** A connected token that Meta stops accepting within a week (a user token, never a business one). */
export function tokenExpiresSoon(connection: Connection, now = Date.now()): boolean {
  if (connection.status !== "connected" || !connection.tokenExpiresAt) return false;
  return Date.parse(connection.tokenExpiresAt) - now <= EXPIRY_WARNING_MS;
}

let snapshot: ConnectionSnapshot = {};
// Bumped by a workspace switch and by every fresher value: answers to requests made before it are
// dropped, so a slow poll cannot overwrite what an action on the page just returned.
let epoch = 0;
let inFlight: { epoch: number; promise: Promise<void> } | undefined;
const listeners = new Set<() => void>();

function publish(next: ConnectionSnapshot): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

/** Stores a connection an action returned (check, disconnect, catalog token). */
export function setConnection(connection: Connection): void {
  epoch++;
  publish({ connection });
}

/** Reads GET /v1/connection again; concurrent callers share one request. */
export function refreshConnection(): Promise<void> {
  if (inFlight?.epoch === epoch) return inFlight.promise;
  const asked = epoch;
  const promise = connectionApi.get().then(
    (connection) => {
      if (asked === epoch) publish({ connection });
    },
    (error: unknown) => {
      if (asked === epoch) publish({ ...snapshot, error: messageOf(error) });
    },
  );
  inFlight = { epoch: asked, promise };
  void promise.finally(() => {
    if (inFlight?.promise === promise) inFlight = undefined;
  });
  return promise;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/**
 * Keeps the connection fresh for the signed-in workspace: at once, every `intervalMs` while the tab
 * is visible, when the window regains focus, and as soon as any call answers
 * CONNECTION_NEEDS_RECONNECT. Polling reads our own server only; it never makes it ask Meta.
 */
export function useConnectionPolling(workspaceId: string, intervalMs = 5_000): void {
  useEffect(() => {
    epoch++;
    publish({});
    const refresh = () => {
      if (document.visibilityState === "visible") void refreshConnection();
    };
    refresh();
    const timer = window.setInterval(refresh, intervalMs);
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", refresh);
    setNeedsReconnectHandler(() => {
      epoch++; // whatever was in flight may predate the lapse
      void refreshConnection();
    });
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", refresh);
      setNeedsReconnectHandler(undefined);
    };
  }, [workspaceId, intervalMs]);
}
