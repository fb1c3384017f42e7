/**
 * What a user's browser does in Meta's dialog, over plain HTTP: open the page, press Continue
 * (optionally declining permissions), and follow the redirect back. Returns the code and state
 * Meta put on the redirect URI.
 */
export async function approveInDialog(
  authorizationUrl: string,
  options: { decline?: string[]; wabaIds?: string[] } = {},
): Promise<{ code: string; state: string; location: string }> {
  const page = await fetch(authorizationUrl);
  if (page.status !== 200) throw new Error(`dialog page answered ${page.status}: ${await page.text()}`);
  const url = new URL(authorizationUrl);
  const form = new URLSearchParams();
  for (const name of ["client_id", "redirect_uri", "state", "config_id", "response_type", "scope"]) {
    const v = url.searchParams.get(name);
    if (v !== null) form.set(name, v);
  }
  if (options.decline?.length) form.set("declined_permissions", options.decline.join(","));
  if (options.wabaIds?.length) form.set("waba_ids", options.wabaIds.join(","));
  const approveUrl = new URL(url.pathname.replace(/\/dialog\/oauth$/, "/dialog/oauth/approve"), url.origin);
  const res = await fetch(approveUrl, { method: "POST", body: form, redirect: "manual" });
  const location = res.headers.get("location");
  if (res.status !== 302 || !location) throw new Error(`approve answered ${res.status}: ${await res.text()}`);
  const back = new URL(location);
  return { code: back.searchParams.get("code") ?? "", state: back.searchParams.get("state") ?? "", location };
}
