import { useState } from "react";
import { t } from "../i18n";
import { setNotifications, useNotificationsOn } from "../inbox-notifications";

/** "Notify me of new messages": off until the agent ticks it; ticking asks the browser's permission. */
export function NotificationToggle() {
  const on = useNotificationsOn();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const change = async (next: boolean) => {
    setBusy(true);
    setProblem(await setNotifications(next));
    setBusy(false);
  };
  return (
    <span className="notification-toggle">
      <label>
        <input type="checkbox" checked={on} disabled={busy} onChange={(event) => void change(event.target.checked)} />{" "}
        {t("inbox.notify.toggle")}
      </label>
      {problem && (
        <span className="alert small" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
