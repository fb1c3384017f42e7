export interface EmbeddedSignupView {
  appName: string;
  userName: string;
  wabas: { id: string; name: string; numbers: string[] }[];
  clientId: string;
  configId: string;
  finishUrl: string;
  scriptUrl: string;
  sessionEvents: boolean;
  sessionId: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** Meta's steps a user can leave Embedded Signup at (the CANCEL message's `current_step`). */
export const SIGNUP_STEPS = [
  "BUSINESS_ACCOUNT_SELECTION",
  "WABA_PHONE_PROFILE_PICKER",
  "PHONE_NUMBER_SETUP",
  "PHONE_NUMBER_VERIFICATION",
  "PERMISSIONS",
] as const;

/**
 * The popup: who is logged in, the accounts to share (all ticked; Finish reports the first ticked
 * one and its first number), and the ways out Meta's flow has. Its behaviour is the script file.
 */
export function renderEmbeddedSignupPage(view: EmbeddedSignupView): string {
  const wabas = view.wabas
    .map(
      (w) =>
        `<li><label><input type="checkbox" name="waba" value="${escape(w.id)}" checked> ${escape(w.name)}</label> (${w.numbers
          .map(escape)
          .join(", ")})</li>`,
    )
    .join("\n        ");
  const steps = SIGNUP_STEPS.map((s) => `<option value="${s}">${s}</option>`).join("");
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>WhatsApp Embedded Signup</title></head>
  <body>
    <main id="signup" data-finish="${escape(view.finishUrl)}" data-client-id="${escape(view.clientId)}"
      data-config-id="${escape(view.configId)}" data-session-events="${view.sessionEvents}" data-session-id="${escape(view.sessionId)}">
      <h1>Connect your WhatsApp to ${escape(view.appName)}</h1>
      <p>Logged in as ${escape(view.userName)}. Share these WhatsApp Business Accounts:</p>
      <ul>
        ${wabas}
      </ul>
      <button type="button" id="finish">Finish</button>
      <button type="button" id="finish-only-waba">Finish without a phone number</button>
      <p><label>Leave at step <select id="step">${steps}</select></label>
        <button type="button" id="cancel">Cancel</button></p>
      <p><label>Problem <input id="error-message" value="An unexpected error occurred. Please try again."></label>
        <button type="button" id="report-error">Report an error</button></p>
      <p id="status" role="status"></p>
    </main>
    <script src="${escape(view.scriptUrl)}"></script>
  </body>
</html>`;
}
