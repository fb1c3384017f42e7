import { useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { phoneNumbersApi, type PhoneNumber } from "../connection-api";
import { textField } from "../form-data";
import { t } from "../i18n";

interface Props {
  number: PhoneNumber;
  canManage: boolean;
  onChange: (number: PhoneNumber) => void;
}

/** Meta's UPPER_SNAKE values (GREEN, TIER_1K, CONNECTED) as words. */
function humanize(value: string | null): string {
  if (!value) return "—";
  const words = value
    .replace(/^TIER_/, "")
    .replace(/_/g, " ")
    .toLowerCase();
  return /^\d/.test(words) ? words.toUpperCase() : words.charAt(0).toUpperCase() + words.slice(1);
}

function SendingBadge({ number }: { number: PhoneNumber }) {
  if (!number.active) return <span className="badge off">{t("numbers.row.inactive")}</span>;
  if (number.sendingPaused) {
    return (
      <span className="badge warn" title={t("numbers.row.pausedWhy")}>
        {t("numbers.paused")}
      </span>
    );
  }
  return <span className="badge ok">{t("numbers.row.active")}</span>;
}

/** One number: Meta's facts, our Active flag, and Activate (with the two-step PIN) or Deactivate. */
export function PhoneNumberRow({ number, canManage, onChange }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const shown = error ?? number.lastError;

  async function run(action: () => Promise<PhoneNumber>) {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await action());
    } catch (caught) {
      setError(messageOf(caught)); // Meta's own words for a wrong PIN
    } finally {
      setBusy(false);
    }
  }

  function activate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const pin = textField(new FormData(form), "pin");
    return run(() => phoneNumbersApi.activate(number.id, pin)).then(() => form.reset());
  }

  return (
    <tr>
      <th scope="row">{number.displayPhoneNumber}</th>
      <td>{number.verifiedName ?? "—"}</td>
      <td>{humanize(number.qualityRating)}</td>
      <td>{humanize(number.messagingLimit)}</td>
      <td>{t("numbers.msgPerSecond", { count: number.throughput })}</td>
      <td>{humanize(number.status)}</td>
      <td>
        <SendingBadge number={number} />
      </td>
      <td className="row-actions">
        {canManage && number.active && (
          <button
            className="button"
            type="button"
            disabled={busy}
            onClick={() => run(() => phoneNumbersApi.deactivate(number.id))}
          >
            {busy ? t("numbers.row.deactivating") : t("numbers.row.deactivate")}
          </button>
        )}
        {canManage && !number.active && (
          <form className="pin-form" onSubmit={activate}>
            <input
              name="pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              pattern="\d{6}"
              maxLength={6}
              required
              placeholder="PIN"
              title={t("numbers.row.pinTitle")}
              aria-label={t("numbers.row.pinFor", { number: number.displayPhoneNumber })}
              aria-invalid={error ? true : undefined}
              aria-describedby={shown ? `number-error-${number.id}` : undefined}
            />
            <button className="button primary" type="submit" disabled={busy}>
              {busy ? t("numbers.row.activating") : t("numbers.row.activate")}
            </button>
          </form>
        )}
        {shown && (
          <p className="row-error" id={`number-error-${number.id}`} role={error ? "alert" : undefined}>
            {shown}
          </p>
        )}
      </td>
    </tr>
  );
}
