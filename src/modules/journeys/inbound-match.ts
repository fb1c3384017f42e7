import type { Trigger } from "../automations/index.js";

// A regex from the automation runs on customers' text: bounded input keeps even a slow pattern cheap
// (patterns are also checked for nested quantifiers when the automation is saved).
const MAX_MATCHED_TEXT = 1_000;

/** Whether an inbound message matches an `inbound_message` trigger. */
export function inboundMatches(
  trigger: Extract<Trigger, { kind: "inbound_message" }>,
  message: { text: string | null; replyId: string | null; language: string | null },
): boolean {
  if (trigger.languages.length > 0) {
    const lang = (message.language ?? "").replace("-", "_");
    if (!trigger.languages.some((l) => lang === l || lang.startsWith(`${l}_`) || lang.split("_")[0] === l))
      return false;
  }
  const text = (message.text ?? "").slice(0, MAX_MATCHED_TEXT);
  switch (trigger.match.type) {
    case "any":
      return true;
    case "keyword": {
      const said = text.trim().toLowerCase();
      return trigger.match.keywords.some((k) => k.trim().toLowerCase() === said);
    }
    case "regex":
      try {
        return new RegExp(trigger.match.pattern, trigger.match.caseInsensitive ? "iu" : "u").test(text);
      } catch {
        return false;
      }
    case "interactive_reply":
      return message.replyId !== null && trigger.match.replyIds.includes(message.replyId);
  }
}
