import type { CreateAutomationInput } from "./manage-automations.js";

/**
 * Ready-made automations (GET /v1/automations/recipes). Template steps name a suggested template
 * (`templateSteps` says what each should say); the dashboard lets the user pick one of theirs
 * before saving, since validation checks the template exists with those parameters.
 */
export interface Recipe {
  id: string;
  name: string;
  description: string;
  automation: CreateAutomationInput;
  templateSteps: Array<{ stepId: string; purpose: string }>;
}

const firstName = { path: "contact.firstName", fallback: "there" };

export const RECIPES: Recipe[] = [
  {
    id: "order_confirmation",
    name: "Order confirmation",
    description: "Confirms each order as it is placed (order.created), with the order number.",
    automation: {
      name: "Order confirmation",
      recipe: "order_confirmation",
      trigger: { kind: "event", eventType: "order.created" },
      conditions: [],
      steps: [
        {
          id: "confirm",
          kind: "send_template",
          label: "Confirm the order",
          when: [],
          template: {
            name: "order_confirmation",
            language: "en",
            body: [firstName, { path: "event.orderNumber", fallback: "your order" }],
            buttons: [],
          },
        },
      ],
      exit: { onReply: false, events: [] },
      reentry: { mode: "always" },
      limits: { perContactPerDay: null },
    },
    templateSteps: [{ stepId: "confirm", purpose: "UTILITY: {{1}} first name, {{2}} order number" }],
  },
  {
    id: "abandoned_cart",
    name: "Abandoned cart (15 min, 1 h, 24 h)",
    description:
      "When a checkout starts (checkout.created), reminds the customer after 15 minutes, 1 hour and 24 hours; stops when the same checkout completes or the customer replies.",
    automation: {
      name: "Abandoned cart",
      recipe: "abandoned_cart",
      trigger: { kind: "event", eventType: "checkout.created" },
      conditions: [{ kind: "consent", in: ["opted_in"] }],
      steps: [
        { id: "wait_15m", kind: "wait", label: "15 minutes", seconds: 15 * 60, when: [] },
        {
          id: "remind_15m",
          kind: "send_template",
          label: "First reminder",
          when: [],
          template: {
            name: "cart_reminder_1",
            language: "en",
            body: [firstName, { path: "event.recoveryUrl", fallback: "our store" }],
            buttons: [],
          },
        },
        { id: "wait_1h", kind: "wait", label: "until 1 hour", seconds: 45 * 60, when: [] },
        {
          id: "remind_1h",
          kind: "send_template",
          label: "Second reminder",
          when: [],
          template: {
            name: "cart_reminder_2",
            language: "en",
            body: [firstName, { path: "event.recoveryUrl", fallback: "our store" }],
            buttons: [],
          },
        },
        { id: "wait_24h", kind: "wait", label: "until 24 hours", seconds: 23 * 3600, when: [] },
        {
          id: "remind_24h",
          kind: "send_template",
          label: "Last reminder",
          when: [],
          template: {
            name: "cart_reminder_3",
            language: "en",
            body: [firstName, { path: "event.recoveryUrl", fallback: "our store" }],
            buttons: [],
          },
        },
      ],
      exit: { onReply: true, events: [{ type: "checkout.completed", sameKey: true }] },
      reentry: { mode: "always" },
      limits: { perContactPerDay: 3 },
    },
    templateSteps: [
      { stepId: "remind_15m", purpose: "MARKETING: {{1}} first name, {{2}} link back to the checkout" },
      { stepId: "remind_1h", purpose: "MARKETING: {{1}} first name, {{2}} link back to the checkout" },
      { stepId: "remind_24h", purpose: "MARKETING: {{1}} first name, {{2}} link back to the checkout" },
    ],
  },
  {
    id: "keyword_reply",
    name: "Keyword auto-reply",
    description:
      "Answers a keyword (here: HOURS) with free-form text; the customer just wrote, so the 24-hour window is open.",
    automation: {
      name: "Opening hours reply",
      recipe: "keyword_reply",
      trigger: {
        kind: "inbound_message",
        match: { type: "keyword", keywords: ["hours", "opening hours"] },
        languages: [],
      },
      conditions: [],
      steps: [
        {
          id: "reply",
          kind: "send_text",
          label: "Reply",
          when: [],
          text: "Hi {{contact.firstName}}, we are open Monday to Friday, 9:00 to 18:00.",
        },
      ],
      exit: { onReply: false, events: [] },
      reentry: { mode: "always" },
      limits: { perContactPerDay: 5 },
    },
    templateSteps: [],
  },
  {
    id: "unread_reminder",
    name: "Unread template reminder",
    description:
      "When a campaign's template is delivered, waits a day for it to be read; if it was not, sends a reminder template.",
    automation: {
      name: "Unread reminder",
      recipe: "unread_reminder",
      trigger: { kind: "message_status", status: "delivered", errorCodes: [], source: { type: "campaign" } },
      conditions: [],
      steps: [
        {
          id: "wait_read",
          kind: "wait_for",
          label: "Read within a day?",
          when: [],
          for: "status",
          status: "read",
          timeoutSeconds: 86400,
          onMatch: "end",
          onTimeout: "next",
        },
        {
          id: "reminder",
          kind: "send_template",
          label: "Reminder",
          when: [],
          template: { name: "unread_reminder", language: "en", body: [firstName], buttons: [] },
        },
      ],
      exit: { onReply: true, events: [] },
      reentry: { mode: "cooldown", days: 7 },
      limits: { perContactPerDay: 1 },
    },
    templateSteps: [{ stepId: "reminder", purpose: "MARKETING: {{1}} first name" }],
  },
];
