import type { FastifyInstance, RouteOptions } from "fastify";

/**
 * Tags and summaries of the emulator's routes for /docs (sandbox mode mounts it under /_meta), and
 * what they answer: Meta's JSON (the shapes of Meta's reference, which the emulator's tests check
 * against Meta's OpenAPI file) or Graph's error envelope. Documentation only: the routes parse
 * their own input, to refuse it with Meta's error codes rather than a schema validator's.
 */
const GRAPH = "emulator: Graph API";
const OAUTH = "emulator: Facebook Login";
const CONTROL = "emulator: control";
const D360 = "emulator: 360dialog";

const DOCS: Record<
  string,
  { tag: string; summary: string; answer?: "json" | "html" | "redirect" | "bytes" | "script" }
> = {
  "GET /:version/dialog/oauth": { tag: OAUTH, summary: "The login dialog (an HTML page)", answer: "html" },
  "POST /:version/dialog/oauth/approve": {
    tag: OAUTH,
    summary: "Approve the dialog: back to redirect_uri with a code",
    answer: "redirect",
  },
  "GET /:version/oauth/access_token": { tag: OAUTH, summary: "Exchange a code (or a token) for an access token" },
  "GET /oauth/access_token": { tag: OAUTH, summary: "Exchange a code for a token (unversioned)" },
  "GET /:version/debug_token": { tag: OAUTH, summary: "Inspect a token: app, user, scopes, granular scopes, expiry" },
  "GET /debug_token": { tag: OAUTH, summary: "Inspect a token (unversioned)" },
  "GET /:version/:id/phone_numbers": { tag: GRAPH, summary: "A WABA's phone numbers" },
  "POST /:version/:id/phone_numbers": { tag: GRAPH, summary: "Add a phone number to a WABA" },
  "GET /:version/:id/subscribed_apps": { tag: GRAPH, summary: "Apps subscribed to a WABA's webhooks" },
  "POST /:version/:id/subscribed_apps": { tag: GRAPH, summary: "Subscribe the app to a WABA's webhooks" },
  "DELETE /:version/:id/subscribed_apps": { tag: GRAPH, summary: "Unsubscribe the app from a WABA" },
  "GET /:version/:id/owned_whatsapp_business_accounts": { tag: GRAPH, summary: "A business portfolio's WABAs" },
  "GET /:version/:id/client_whatsapp_business_accounts": {
    tag: GRAPH,
    summary: "WABAs shared with a business portfolio",
  },
  "POST /:version/:id/register": { tag: GRAPH, summary: "Register a phone number for the Cloud API (PIN)" },
  "POST /:version/:id/deregister": { tag: GRAPH, summary: "Deregister a phone number" },
  "POST /:version/:id/request_code": { tag: GRAPH, summary: "Request a verification code (SMS or voice)" },
  "POST /:version/:id/verify_code": { tag: GRAPH, summary: "Verify a phone number with its code" },
  "POST /:version/:id/messages": {
    tag: GRAPH,
    summary: "Send a message, or mark one read; statuses follow as signed webhooks",
  },
  "POST /:version/:id/message_templates": { tag: GRAPH, summary: "Submit a template for review" },
  "GET /:version/:id/message_templates": { tag: GRAPH, summary: "A WABA's templates, with paging" },
  "DELETE /:version/:id/message_templates": { tag: GRAPH, summary: "Delete a template by name (and id)" },
  "POST /:version/:id/media": { tag: GRAPH, summary: "Upload media for messages (multipart)" },
  "GET /_lookaside/whatsapp_business/attachments/": {
    tag: GRAPH,
    summary: "Download media bytes from the signed URL a media node gave",
    answer: "bytes",
  },
  "POST /:version/:id/products": { tag: GRAPH, summary: "Add a product to a catalog" },
  "GET /:version/:id/products": { tag: GRAPH, summary: "A catalog's products" },
  "POST /:version/:id/items_batch": { tag: GRAPH, summary: "Batch-update a catalog's items" },
  "GET /:version/:id/check_batch_request_status": { tag: GRAPH, summary: "The status of an items batch" },
  "POST /:version/:id/uploads": { tag: GRAPH, summary: "Start a resumable upload session (template examples)" },
  "GET /:version/:id": { tag: GRAPH, summary: "Read a node (app, user, business, WABA, number, template, media…)" },
  "POST /:version/:id": {
    tag: GRAPH,
    summary: "Update a node (a number's PIN, a template's edit) or resume an upload",
  },
  "DELETE /:version/:id": { tag: GRAPH, summary: "Delete a node (media)" },
  "GET /:version/:id/:edge": { tag: GRAPH, summary: "Any other edge: Graph's nonexisting-field error" },
  "POST /:version/:id/:edge": { tag: GRAPH, summary: "Any other edge: Graph's nonexisting-field error" },
  "DELETE /:version/:id/:edge": { tag: GRAPH, summary: "Any other edge: Graph's nonexisting-field error" },
  "POST /_emulator/inbound": { tag: CONTROL, summary: "Make a customer send a message (delivered as a webhook)" },
  "GET /_emulator/inbound": { tag: CONTROL, summary: "Inbound messages the emulator sent" },
  "GET /_emulator/messages": { tag: CONTROL, summary: "Messages the business sent, as the emulator saw them" },
  "POST /_emulator/wabas": { tag: CONTROL, summary: "Add a WABA with numbers to the test user's business" },
  "PATCH /_emulator/app": { tag: CONTROL, summary: "Change the app (secret, permissions granted…)" },
  "POST /_emulator/tokens/revoke": { tag: CONTROL, summary: "Revoke tokens (the token-lapse path)" },
  "POST /_emulator/templates/:id/review": { tag: CONTROL, summary: "Approve or reject a template under review" },
  "POST /_emulator/faults": { tag: CONTROL, summary: "Inject a fault into matching Graph calls" },
  "GET /_emulator/faults": { tag: CONTROL, summary: "The faults in force" },
  "DELETE /_emulator/faults": { tag: CONTROL, summary: "Clear every fault" },
  "POST /_emulator/webhooks/account": { tag: CONTROL, summary: "Send an account webhook (quality, limits, bans…)" },
  "PUT /_emulator/chaos": { tag: CONTROL, summary: "Make webhook delivery unreliable (drops, duplicates, reordering)" },
  "GET /_emulator/chaos": { tag: CONTROL, summary: "The webhook chaos in force" },
  "DELETE /_emulator/chaos": { tag: CONTROL, summary: "Deliver webhooks reliably again" },
  "POST /_emulator/clock": { tag: CONTROL, summary: "Move the emulator's clock forward" },
  "GET /_emulator/clock": { tag: CONTROL, summary: "The emulator's time and offset" },
  "PATCH /_emulator/phone-numbers/:id": { tag: CONTROL, summary: "Change a number (quality, tier, status…)" },
  "PATCH /_emulator/businesses/:id": { tag: CONTROL, summary: "Change a business portfolio (verification…)" },
  "PUT /_emulator/webhook-url": { tag: CONTROL, summary: "Where webhooks go, and the verify token" },
  "GET /_emulator/webhooks": { tag: CONTROL, summary: "Webhook deliveries and their outcomes" },
  "POST /_emulator/reset": { tag: CONTROL, summary: "Forget everything; back to the seeded state" },
  "GET /_emulator/state": { tag: CONTROL, summary: "The whole state, for debugging" },
  "GET /sdk.js": {
    tag: OAUTH,
    summary: "A stand-in for Meta's JavaScript SDK (FB.init, FB.login) that opens the Embedded Signup popup",
    answer: "script",
  },
  "GET /:version/dialog/embedded_signup.js": {
    tag: OAUTH,
    summary: "The Embedded Signup popup's script (posts WA_EMBEDDED_SIGNUP messages to the opener)",
    answer: "script",
  },
  "GET /:version/dialog/embedded_signup": {
    tag: OAUTH,
    summary: "The Embedded Signup popup: the user's WABAs and numbers, finish, cancel or error",
    answer: "html",
  },
  "POST /:version/dialog/embedded_signup/finish": {
    tag: OAUTH,
    summary: "Finish Embedded Signup: a code for the WABAs ticked, and the session's events",
  },
  "GET /_emulator/embedded-signup": { tag: CONTROL, summary: "Whether the popup posts its session events" },
  "POST /_emulator/embedded-signup": { tag: CONTROL, summary: "Turn the popup's session events on or off" },
  "GET /:version/:id/product_catalogs": { tag: GRAPH, summary: "The catalogs connected to a WABA" },
  "POST /:version/:id/product_catalogs": { tag: GRAPH, summary: "Connect a catalog to a WABA" },
  "DELETE /:version/:id/product_catalogs": { tag: GRAPH, summary: "Disconnect a catalog from a WABA" },
  "GET /:version/:id/whatsapp_commerce_settings": {
    tag: GRAPH,
    summary: "A number's commerce settings (catalog visible, cart enabled)",
  },
  "POST /:version/:id/whatsapp_commerce_settings": { tag: GRAPH, summary: "Change a number's commerce settings" },
  "POST /_emulator/foreign-numbers": {
    tag: CONTROL,
    summary: "A number registered at another provider (two-step on or off), to migrate in",
  },
  "GET /_emulator/phone-numbers/:id/otp": { tag: CONTROL, summary: "The verification code last sent to a number" },
  "POST /_emulator/phone-numbers/:id/health": {
    tag: CONTROL,
    summary: "Set a number's health (can it send) and post the account webhooks",
  },
  "POST /_emulator/catalogs/:id/rejections": { tag: CONTROL, summary: "Make Meta reject these catalog items" },
  "DELETE /_emulator/catalogs/:id/rejections": { tag: CONTROL, summary: "Stop rejecting catalog items" },
  "GET /_emulator/catalogs/:id/batches": { tag: CONTROL, summary: "The items_batch calls a catalog received" },
  "POST /_360dialog/waba-v2/messages": {
    tag: D360,
    summary: "Send a message or mark one read with a D360-API-KEY (Meta's body and answers)",
  },
  "POST /_360dialog/waba-v2/media": { tag: D360, summary: "Upload media for the key's number (multipart)" },
  "GET /_360dialog/waba-v2/:mediaId": { tag: D360, summary: "A media node, with its lookaside URL" },
  "DELETE /_360dialog/waba-v2/:mediaId": { tag: D360, summary: "Delete media" },
  "GET /_360dialog/waba-v2/whatsapp_business/attachments/": {
    tag: D360,
    summary: "Download media bytes (the lookaside path under the waba-v2 base)",
    answer: "bytes",
  },
  "GET /_360dialog/waba-v2/health_status": { tag: D360, summary: "The number's, WABA's and business's health" },
  "POST /_360dialog/waba-v2/v1/configs/webhook": { tag: D360, summary: "Set the number's webhook URL and headers" },
  "GET /_360dialog/waba-v2/v1/configs/webhook": { tag: D360, summary: "The number's webhook URL" },
  "POST /_360dialog/waba-v2/v1/configs/templates": { tag: D360, summary: "Submit a template for review" },
  "GET /_360dialog/waba-v2/v1/configs/templates": { tag: D360, summary: "The WABA's templates (waba_templates)" },
  "DELETE /_360dialog/waba-v2/v1/configs/templates/:name": { tag: D360, summary: "Delete a template by name" },
  "POST /_360dialog/hub/api/v2/partners/:partnerId/channels/:channelId/api_keys": {
    tag: D360,
    summary: "Partner API: generate a channel's API key (revokes its older keys)",
  },
  "GET /_360dialog/hub/api/v2/partners/:partnerId/channels": {
    tag: D360,
    summary: "Partner API: the partner's channels",
  },
  "GET /_360dialog/hub/dashboard/app/:partnerId/permissions": {
    tag: D360,
    summary: "The Connect button's page: pick the numbers the partner may manage",
    answer: "html",
  },
  "POST /_360dialog/hub/dashboard/app/:partnerId/permissions": {
    tag: D360,
    summary: "Grant permission: back to redirect_url with client and channels",
    answer: "redirect",
  },
  "POST /_emulator/360dialog/channels/:id/api-key": {
    tag: CONTROL,
    summary: "Generate a channel's 360dialog API key, as the client's Hub does",
  },
  "POST /_emulator/360dialog/api-keys/revoke": { tag: CONTROL, summary: "Revoke 360dialog API keys" },
  "GET /_emulator/360dialog/channels": { tag: CONTROL, summary: "360dialog's partner and channels" },
};

const GRAPH_ERROR = {
  description: "Graph's error envelope (Meta's code, subcode, type and fbtrace_id)",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["message", "type", "code"],
            properties: {
              message: { type: "string" },
              type: { type: "string" },
              code: { type: "integer" },
              error_subcode: { type: "integer" },
              error_user_title: { type: "string" },
              error_user_msg: { type: "string" },
              error_data: { type: "object" },
              fbtrace_id: { type: "string" },
            },
          },
        },
      },
    },
  },
};

function answerOf(answer: "json" | "html" | "redirect" | "bytes" | "script", summary: string): Record<string, unknown> {
  if (answer === "script")
    return { "200": { description: summary, content: { "text/javascript": { schema: { type: "string" } } } } };
  if (answer === "html")
    return { "200": { description: summary, content: { "text/html": { schema: { type: "string" } } } } };
  if (answer === "redirect")
    return { "302": { description: "Back to redirect_uri", headers: { location: { schema: { type: "string" } } } } };
  if (answer === "bytes")
    return {
      "200": {
        description: "The media's bytes",
        content: {
          "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
        },
      },
    };
  return {
    "200": {
      description: "Meta's answer for this endpoint (see Meta's reference)",
      content: { "application/json": { schema: { type: "object", description: "as Meta answers" } } },
    },
  };
}

/** Tags each route the emulator registers after this call (its prefix, /_meta, stripped first). */
export function installRouteDocs(app: FastifyInstance): void {
  app.addHook("onRoute", (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const path = route.url.slice(app.prefix.length) || "/";
    const docs = methods.map((m) => DOCS[`${m} ${path}`]).find((d) => d !== undefined);
    if (!docs) return;
    const answer = docs.answer ?? "json";
    route.schema = { ...route.schema, tags: [docs.tag], summary: docs.summary };
    route.config = {
      ...route.config,
      docs: {
        responses: {
          ...answerOf(answer, docs.summary),
          ...(answer === "bytes" ? {} : { "400": GRAPH_ERROR }),
        },
      },
    };
  });
}
