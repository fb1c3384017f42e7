import { t, isMessageKey } from "../i18n";
// Badges for Meta's template review statuses and Wharf's campaign, message and product sync statuses.

const TONES: Record<string, string> = {
  APPROVED: "ok",
  PENDING: "pending",
  REJECTED: "danger",
  PAUSED: "warn",
  DISABLED: "danger",
  running: "pending",
  scheduled: "pending",
  draft: "off",
  paused: "warn",
  completed: "ok",
  completed_with_skips: "warn",
  cancelled: "off",
  needs_reconnect: "warn",
  queued: "off",
  sending: "off",
  unknown: "warn",
  sent: "pending",
  delivered: "pending",
  read: "ok",
  received: "pending",
  failed: "danger",
  // A product's sync status at Meta.
  pending: "off",
  syncing: "pending",
  synced: "ok",
  error: "danger",
};

/** `INCORRECT_CATEGORY` → "Incorrect category", `needs_reconnect` → "Needs reconnect". */
export function humanize(value: string): string {
  const words = value.replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A status in the current language; one the catalogs do not have, humanized. */
export function statusLabel(status: string): string {
  const key = `status.${status}`;
  return isMessageKey(key) ? t(key) : humanize(status);
}

/** `value` in the current language from the `group.value` key; one the catalogs do not have, humanized. */
export function labelFor(group: string, value: string): string {
  const key = `${group}.${value}`;
  return isMessageKey(key) ? t(key) : humanize(value);
}

export function StatusBadge({ status, title }: { status: string; title?: string | undefined }) {
  return (
    <span className={`badge ${TONES[status] ?? "off"}`} title={title}>
      {statusLabel(status)}
    </span>
  );
}
