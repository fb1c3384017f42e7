// Meta's Embedded Signup session messages (`WA_EMBEDDED_SIGNUP`, session info version 3), as the
// popup posts them to the opener: a JSON string from facebook.com (the emulator in sandbox mode).
// No imports and no DOM, so the server-side tests can check it.

export type SignupMessage =
  | {
      event: "FINISH" | "FINISH_ONLY_WABA" | "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING";
      wabaId?: string;
      phoneNumberId?: string;
    }
  | { event: "CANCEL"; step?: string }
  | { event: "ERROR"; message: string; errorId?: string; sessionId?: string };

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

/** Meta's message, or undefined for anything else (another origin, another kind, malformed). */
export function parseSignupMessage(origin: string, raw: unknown, origins: string[]): SignupMessage | undefined {
  if (!origins.includes(origin)) return undefined;
  let payload: unknown = raw;
  if (typeof raw === "string") {
    try {
      payload = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const message = payload as { type?: unknown; event?: unknown; data?: Record<string, unknown> } | null;
  if (!message || message.type !== "WA_EMBEDDED_SIGNUP" || typeof message.event !== "string") return undefined;
  const data = message.data ?? {};
  // Meta has sent user-reported errors both as ERROR and as CANCEL carrying error_message.
  if (message.event === "ERROR" || (message.event === "CANCEL" && text(data["error_message"])))
    return {
      event: "ERROR",
      message: text(data["error_message"]) ?? "Meta's Embedded Signup reported an error.",
      errorId: text(data["error_id"]),
      sessionId: text(data["session_id"]),
    };
  if (message.event === "CANCEL") return { event: "CANCEL", step: text(data["current_step"]) };
  if (
    message.event === "FINISH" ||
    message.event === "FINISH_ONLY_WABA" ||
    message.event === "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING"
  )
    return { event: message.event, wabaId: text(data["waba_id"]), phoneNumberId: text(data["phone_number_id"]) };
  return undefined;
}
