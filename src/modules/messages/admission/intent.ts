import type { SendMessageRequest } from "../../../channels/index.js";
import type { AppError } from "../../../platform/errors/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import type { TemplateForSend } from "../../templates/index.js";
import type { MessageRow } from "../messages.repo.js";

export interface SenderPhone {
  id: string;
  /** The limit Meta reports for the number: its business portfolio's, shared by all its numbers. */
  messaging_limit: string | null;
  display_phone_number: string;
  waba_id: string;
  /** The WABA's owner business (the portfolio); null until the connection has read it. */
  business_id: string | null;
}

/**
 * One message someone wants sent (an API send, an agent reply, a campaign recipient): its
 * Meta body is already built and checked for shape; what may still refuse it are the send rules.
 */
export interface OutboundIntent {
  workspaceId: WorkspaceId;
  phone: SenderPhone;
  /** The recipient as given, for messages that name them. */
  to: string;
  waId: string;
  body: SendMessageRequest;
  /** The approved template a template body uses (null for free-form bodies). */
  template: TemplateForSend | null;
  campaignId: string | null;
  contextWamid: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  now: number;
  /** Read by the caller outside the transaction (single sends); loaded in it when absent. */
  facts?: AdmissionFacts;
}

/** What the rules read about the recipient. */
export interface AdmissionFacts {
  /** Meta's timestamp of the customer's last message to this number: the 24-hour window. */
  lastInboundAt: number | null;
  /** Marketing consent; only read for marketing templates. */
  consent?: boolean | null;
}

/** `duplicate`: the workspace already has a message with this idempotency key (a replay or a race). */
export type Admission =
  { kind: "admitted"; message: MessageRow } | { kind: "duplicate" } | { kind: "refused"; error: AppError };

/** An intent on its way through the rules; a rule refuses it by setting `refusal`. */
export interface Candidate {
  intent: OutboundIntent;
  facts: AdmissionFacts;
  /** A template outside the customer's window: counts toward the messaging limit. */
  businessInitiated: boolean;
  refusal: AppError | null;
}
