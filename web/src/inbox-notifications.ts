import { useSyncExternalStore } from "react";
import { t } from "./i18n";
import { useLiveEvents } from "./live-events";
import { hrefWith, navigate } from "./router";

// Browser notifications and a short sound for a customer's new message, opt-in per browser (a
// localStorage flag; the Notification permission is asked only when the agent turns it on). Fired
// from the live event stream on every page, unless the tab is visible with that very conversation
// open: then the thread already shows it.

const STORAGE_KEY = "wharf.inbox.notifications";
const listeners = new Set<() => void>();

const supported = (): boolean => typeof window.Notification === "function";

function stored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "on";
  } catch {
    return false; // storage refused (private mode): off
  }
}

function store(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(STORAGE_KEY, "on");
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused: the choice lasts until the page is left.
  }
  memory = on;
  for (const listener of listeners) listener();
}

let memory: boolean | undefined;
const enabled = (): boolean => (memory ??= stored()) && supported() && Notification.permission === "granted";

/** On and allowed by the browser. */
export function useNotificationsOn(): boolean {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, enabled);
}

/**
 * Turns notifications on (asking the browser's permission, only now) or off. Resolves to the
 * reason it could not be turned on, or undefined.
 */
export async function setNotifications(on: boolean): Promise<string | undefined> {
  if (!on) {
    store(false);
    return undefined;
  }
  if (!supported()) return t("inbox.notify.unsupported");
  // Asked here only, on the agent's click (already granted, the browser answers at once).
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    store(false);
    return t("inbox.notify.denied");
  }
  store(true);
  return undefined;
}

/** The conversation the page shows, from `#/inbox?conversation=…`. */
function openConversation(): string | undefined {
  const [path, query] = window.location.hash.replace(/^#\/?/, "").split("?");
  if (path !== "inbox") return undefined;
  return new URLSearchParams(query ?? "").get("conversation") ?? undefined;
}

let audio: AudioContext | undefined;

/** Two short soft tones, made on the spot (no sound file to load). */
function chime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.08, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.3);
    }
  } catch {
    // No audio here (or not allowed yet): the notification alone.
  }
}

/** Listens for the workspace's new inbound messages and notifies when the setting is on. */
export function useMessageNotifications(workspaceId: string): void {
  useLiveEvents(workspaceId, (event) => {
    if (event.type !== "message.received" || !enabled()) return;
    const { conversationId, contactName, from, preview } = event.data;
    if (!document.hidden && openConversation() === conversationId) return;
    try {
      const notification = new Notification(t("inbox.notify.title", { name: contactName ?? `+${from}` }), {
        body: preview,
        tag: conversationId,
      });
      notification.onclick = () => {
        window.focus();
        navigate(hrefWith("inbox", { conversation: conversationId }));
        notification.close();
      };
    } catch {
      // Some browsers only notify from a service worker: the sound still says it.
    }
    chime();
  });
}
