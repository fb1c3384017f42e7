import type { Message } from "../messages-api";
import { hrefWith } from "../router";
import { formatTime } from "./connection-card";
import { StatusBadge } from "./status-badge";
import { t } from "../i18n";

/** A campaign's messages: recipient, status, Meta's error code; each opens its detail. */
export function CampaignMessages({ campaignId, messages }: { campaignId: string; messages: Message[] }) {
  if (messages.length === 0) return <p className="muted">{t("campaigns.noMessages")}</p>;
  return (
    <div className="table-scroll">
      <table className="numbers" aria-label={t("campaigns.messages")}>
        <thead>
          <tr>
            <th scope="col">{t("campaigns.recipient")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("common.error")}</th>
            <th scope="col">{t("common.created")}</th>
            <th scope="col">{t("common.details")}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <th scope="row">{message.to}</th>
              <td>
                <StatusBadge status={message.status} />
              </td>
              <td>
                {message.error
                  ? `${message.error.metaCode ?? message.error.code}${message.error.metaTitle ? ` ${message.error.metaTitle}` : ""}`
                  : "—"}
              </td>
              <td>{formatTime(message.createdAt, "—")}</td>
              <td>
                <a
                  href={hrefWith("campaigns", { campaign: campaignId, message: message.id })}
                  aria-label={t("campaigns.messageDetails", { to: message.to })}
                >
                  {t("common.details")}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
