import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import { D360_HUB_PAGES_PREFIX } from "./d360-partner-routes.js";

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function httpUrl(value: unknown): URL | null {
  if (typeof value !== "string" || value.length > 2000) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * The Connect button's page (Integrated Onboarding: the partner opens
 * `https://hub.360dialog.com/dashboard/app/{partner_id}/permissions?redirect_url=...`). The real one
 * signs the client up, creates or picks a WABA and verifies the number; here the seeded client
 * already has its channels, and the page asks which ones the partner may manage. Approving
 * redirects to `redirect_url?client=<client-id>&channels=[<channel-id>,...]`, the literal
 * bracketed list 360dialog documents ("Custom Integrated Onboarding", "Consuming redirect").
 */
export function registerD360ConnectRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const path = `${D360_HUB_PAGES_PREFIX}/app/:partnerId/permissions`;

  app.get(path, async (request, reply) => {
    const { partnerId } = request.params as { partnerId: string };
    const { redirect_url: redirectUrl } = request.query as { redirect_url?: string };
    const partner = ctx.state.d360.partners.get(partnerId);
    if (!partner) return reply.code(404).type("text/plain").send("Unknown partner");
    if (!httpUrl(redirectUrl)) return reply.code(400).type("text/plain").send("redirect_url must be an http(s) URL");
    const channels = [...ctx.state.d360.channels.values()].filter((c) => c.partnerId === partnerId);
    const rows = channels
      .map((c) => {
        const phone = ctx.state.phoneNumbers.get(c.phoneNumberId);
        const label = `${phone?.displayPhoneNumber ?? c.phoneNumberId} (${phone?.verifiedName ?? ""})`;
        return `<li><label><input type="checkbox" name="channel_${escape(c.id)}" value="1"> ${escape(label)}</label></li>`;
      })
      .join("\n        ");
    return reply.type("text/html; charset=utf-8").send(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>360dialog: connect your number</title></head>
  <body>
    <h1>360dialog</h1>
    <p>Choose the numbers this partner may manage. It will generate their API keys.</p>
    <form method="post" action="">
      <input type="hidden" name="redirect_url" value="${escape(redirectUrl!)}">
      <ul>
        ${rows}
      </ul>
      <button type="submit" name="decision" value="approve">Grant permission</button>
      <button type="submit" name="decision" value="cancel">Cancel</button>
    </form>
  </body>
</html>`);
  });

  app.post(path, async (request, reply) => {
    const { partnerId } = request.params as { partnerId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const partner = ctx.state.d360.partners.get(partnerId);
    if (!partner) return reply.code(404).type("text/plain").send("Unknown partner");
    const target = httpUrl(body["redirect_url"]);
    if (!target) return reply.code(400).type("text/plain").send("redirect_url must be an http(s) URL");
    const chosen = [...ctx.state.d360.channels.values()].filter(
      (c) => c.partnerId === partnerId && body[`channel_${c.id}`] === "1",
    );
    if (body["decision"] === "cancel" || chosen.length === 0) {
      target.searchParams.set("error", "cancelled");
      return reply.redirect(target.toString(), 302);
    }
    for (const c of chosen) c.partnerPermitted = true;
    target.searchParams.set("client", chosen[0]!.clientId);
    target.searchParams.set("channels", `[${chosen.map((c) => c.id).join(",")}]`);
    return reply.redirect(target.toString(), 302);
  });
}
