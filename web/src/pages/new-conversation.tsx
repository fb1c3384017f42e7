import { useEffect, useState } from "react";
import { api, messageOf } from "../api";
import { phoneNumbersApi, type PhoneNumber } from "../connection-api";
import { t } from "../i18n";
import { hrefWith, navigate } from "../router";
import { FormField } from "./form-field";
import { TemplateReply } from "./template-reply";
import { Alert } from "./alert";

interface Props {
  onClose: () => void;
}

/** The customer's phone as Meta's `wa_id`: digits only (`+1 555-000 1234` → `15550001234`). */
const waIdOf = (phone: string) => phone.replace(/\D/g, "");

/**
 * A conversation with a number that never wrote: pick our number, the customer's phone, then an
 * approved template (outside the 24-hour window Meta accepts nothing else). Sent through
 * POST /v1/messages; the new conversation opens once the server has it.
 */
export function NewConversation({ onClose }: Props) {
  const [numbers, setNumbers] = useState<PhoneNumber[]>();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [error, setError] = useState<string>();

  useEffect(() => {
    phoneNumbersApi.list().then(
      (list) => {
        const usable = list.filter((n) => n.active);
        setNumbers(usable);
        setFrom((current) => current || (usable[0]?.id ?? ""));
      },
      (caught: unknown) => setError(messageOf(caught)),
    );
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const send = async (template: { name: string; language: string; parameters?: string[] | Record<string, string> }) => {
    setError(undefined);
    const phone = to.trim();
    await api("POST", "/v1/messages", {
      body: { from, to: phone.startsWith("+") || !phone ? phone : `+${phone}`, type: "template", template },
    });
    // Sending wrote the conversation with the message; it is found by our number and the phone.
    const page = await api("GET", "/v1/conversations", {
      query: { phoneNumberId: from, waId: waIdOf(phone), limit: 1 },
    });
    const created = page.data[0];
    if (!created) throw new Error(t("inbox.new.notListed"));
    onClose();
    navigate(hrefWith("inbox", { conversation: created.id }));
  };

  return (
    <section className="new-conversation card" role="dialog" aria-labelledby="new-conversation-title">
      <div className="panel-head">
        <h2 id="new-conversation-title">{t("inbox.new.title")}</h2>
        <button className="button" type="button" onClick={onClose}>
          {t("inbox.new.close")}
        </button>
      </div>
      <p className="muted small">{t("inbox.new.intro")}</p>
      <Alert message={error} />
      <div className="new-conversation-fields">
        <FormField label={t("inbox.new.from")}>
          <select value={from} onChange={(event) => setFrom(event.target.value)}>
            {numbers?.length === 0 && <option value="">{t("inbox.new.noNumber")}</option>}
            {numbers?.map((n) => (
              <option key={n.id} value={n.id}>
                {n.verifiedName ? `${n.verifiedName} · ${n.displayPhoneNumber}` : n.displayPhoneNumber}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("inbox.new.to")} hint={t("inbox.new.toHint")}>
          <input
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={to}
            onChange={(event) => setTo(event.target.value)}
          />
        </FormField>
      </div>
      <TemplateReply send={send} />
    </section>
  );
}
