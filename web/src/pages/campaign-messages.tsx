import type { Message } from "../messages-api";
import { hrefWith } from "../router";
import { formatTime } from "./connection-card";
import { StatusBadge } from "./status-badge";

/** A campaign's messages: recipient, status, Meta's error code; each opens its detail. */
export function CampaignMessages({ campaignId, messages }: { campaignId: string; messages: Message[] }) {
  if (messages.length === 0)
    return <p className="muted">No messages yet: recipients become messages as the campaign runs.</p>;
  return (
    <div className="table-scroll">
      <table className="numbers" aria-label="Messages">
        <thead>
          <tr>
            <th scope="col">Recipient</th>
            <th scope="col">Status</th>
            <th scope="col">Error</th>
            <th scope="col">Created</th>
            <th scope="col">Details</th>
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
                  aria-label={`Details of the message to ${message.to}`}
                >
                  Details
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
