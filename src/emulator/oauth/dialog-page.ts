import { PERMISSION_DESCRIPTIONS } from "./permissions.js";

// A type alias, not an interface, so that Object.entries sees string values.
export type DialogFields = {
  client_id: string;
  redirect_uri: string;
  state: string;
  config_id: string;
  response_type: string;
  scope: string;
};

export interface DialogView {
  action: string;
  appName: string;
  userName: string;
  businessName: string;
  wabas: { name: string; numbers: string[] }[];
  permissions: string[];
  fields: DialogFields;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/**
 * The login dialog: it names the app, the user, the assets and each permission, and its
 * Continue button posts the same fields to `/dialog/oauth/approve`. Unticking nothing grants
 * everything; the "do not allow" boxes let a test produce a token without a permission.
 */
export function renderDialogPage(view: DialogView): string {
  const hidden = Object.entries(view.fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value)}">`)
    .join("\n      ");
  const permissions = view.permissions
    .map(
      (p) => `<li><strong>${escape(p)}</strong>: ${escape(PERMISSION_DESCRIPTIONS[p] ?? p)}
        <label><input type="checkbox" name="decline_${escape(p)}" value="1"> Do not allow</label></li>`,
    )
    .join("\n        ");
  const wabas = view.wabas.map((w) => `<li>${escape(w.name)} (${w.numbers.map(escape).join(", ")})</li>`).join("");
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Log in with Facebook</title></head>
  <body>
    <h1>Connect ${escape(view.appName)} to WhatsApp</h1>
    <p>Logged in as ${escape(view.userName)}. ${escape(view.appName)} is requesting access to
      ${escape(view.businessName)} and these WhatsApp Business Accounts:</p>
    <ul>${wabas}</ul>
    <form method="post" action="${escape(view.action)}">
      ${hidden}
      <ul>
        ${permissions}
      </ul>
      <button type="submit" name="action" value="continue">Continue</button>
      <button type="submit" name="action" value="cancel">Cancel</button>
    </form>
  </body>
</html>`;
}

export function renderDialogError(code: number, message: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Error</title></head>
  <body>
    <h1>Sorry, something went wrong.</h1>
    <p data-error-code="${code}">${escape(message)}</p>
  </body>
</html>`;
}
