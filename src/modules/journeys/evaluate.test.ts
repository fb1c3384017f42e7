import { describe, expect, it } from "vitest";
import { evaluateCondition, type Condition } from "../automations/index.js";
import { holds, type EvalContext } from "./evaluate.js";

const attributes = { tier: "Gold", orders: "10", city: " Lisbon " };
const live: EvalContext = {
  contact: {
    id: "ct_1",
    waId: "15550001",
    name: "Ana",
    firstName: "Ana",
    phone: "+15550001",
    email: null,
    externalId: null,
    language: "en",
    tags: ["vip"],
    attributes,
    consent: "opted_in",
    lastInboundAt: null,
  },
  event: { total: 42.5, items: ["Tea", "Cup"] },
  message: { text: null },
  trigger: { key: "k" },
  window: { open: true },
  steps: {},
};
const dry = {
  contact: { ...live.contact, id: "ct_1", attributes, tags: ["vip"] },
  event: { id: "evt_1", type: "checkout.created", data: live.event },
  message: null,
  triggerKey: "k",
  windowOpen: true,
  stepStatuses: {},
};

const cases: Array<[Condition, boolean]> = [
  [{ kind: "attribute", name: "tier", op: "eq", value: "gold" }, true],
  [{ kind: "attribute", name: "tier", op: "neq", value: "GOLD" }, false],
  [{ kind: "attribute", name: "orders", op: "eq", value: 10 }, true],
  [{ kind: "attribute", name: "orders", op: "gte", value: 9 }, true],
  [{ kind: "attribute", name: "city", op: "in", value: ["lisbon", "porto"] }, true],
  [{ kind: "attribute", name: "missing", op: "neq", value: "x" }, true],
  [{ kind: "event", path: "total", op: "gt", value: 40 }, true],
  [{ kind: "event", path: "items", op: "contains", value: "tea" }, true],
];

describe("journey conditions", () => {
  it.each(cases)("the live journey and the dry run agree on %j", (condition, expected) => {
    expect(holds(condition, live)).toBe(expected);
    expect(evaluateCondition(dry, condition)).toBe(expected);
  });
});
