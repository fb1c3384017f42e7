/** What a journey (or a dry run) knows when it evaluates a condition or renders a value. */
export interface JourneyContext {
  contact: {
    id: string | null;
    name: string | null;
    phone: string | null;
    email: string | null;
    externalId: string | null;
    language: string | null;
    waId: string | null;
    attributes: Record<string, string | number | boolean | null>;
    tags: string[];
    consent: "opted_in" | "opted_out" | "unknown";
  };
  /** The trigger's commerce event, if any. */
  event: { id: string; type: string; data: Record<string, unknown> } | null;
  /** The inbound message that fired the trigger, if any. */
  message: { text: string | null } | null;
  triggerKey: string | null;
  /** The 24-hour customer service window. */
  windowOpen: boolean;
  /** Per earlier send step id: the furthest status its message reached, and whether the contact replied since. */
  stepStatuses: Record<string, { status: "pending" | "sent" | "delivered" | "read" | "failed"; replied: boolean }>;
}
