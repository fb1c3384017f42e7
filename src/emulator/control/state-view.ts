import { refusalCounts } from "../messages/send-message.js";
import { portfolioReach } from "../portfolio/messaging-limit.js";
import type { EmulatorContext } from "../core/context.js";

/**
 * `GET /_emulator/state`: the seeded world with everything a test or a demo needs to drive it
 * (app secret, numbers and their PINs, the recipient rules), plus what the emulator now holds.
 */
export function stateView(ctx: EmulatorContext): Record<string, unknown> {
  const { state, options } = ctx;
  return {
    app: {
      id: state.app.id,
      secret: state.app.secret,
      name: state.app.name,
      requireAppSecret: state.app.requireAppSecret,
      webhookVersion: state.app.webhookVersion,
    },
    clock: { now: ctx.clock.now(), offsetMs: ctx.clock.offsetMs() },
    webhookUrl: ctx.webhookUrl ?? null,
    users: [...state.users.values()],
    // `reached`: unique users the portfolio reached business-initiated in the moving 24 hours.
    businesses: [...state.businesses.values()].map((b) => ({
      ...b,
      reached: portfolioReach(state, b.id, ctx.clock.now()).size,
    })),
    wabas: [...state.wabas.values()].map((w) => ({
      id: w.id,
      name: w.name,
      businessId: w.businessId,
      subscribedApps: [...w.subscribedApps.values()],
      phoneNumbers: state.phoneNumbersOf(w.id).map((p) => ({
        id: p.id,
        displayPhoneNumber: p.displayPhoneNumber,
        verifiedName: p.verifiedName,
        pin: p.pin,
        registered: p.registered,
        qualityRating: p.qualityRating,
        throughputMps: p.throughputMps,
        webhookOverrideUri: p.webhookOverrideUri ?? null,
        codeVerificationStatus: p.codeVerificationStatus,
        verificationCode: p.verificationCode ?? null,
        /** Register/deregister calls in Meta's moving 72 hours (133016 past 10). */
        registrationCalls: p.registrationCalls.length,
        health: p.health ?? null,
      })),
    })),
    catalogs: [...state.catalogs.values()].map((c) => ({
      ...c,
      productCount: [...state.products.values()].filter((p) => p.catalogId === c.id).length,
    })),
    templates: [...state.templates.values()].map((t) => ({
      id: t.id,
      wabaId: t.wabaId,
      name: t.name,
      language: t.language,
      category: t.category,
      status: t.status,
    })),
    tokens: [...state.tokens.values()].map((t) => ({
      accessToken: t.token,
      type: t.type,
      scopes: t.scopes,
      expiresAt: t.expiresAt,
      revoked: t.revoked,
    })),
    counts: {
      messages: state.messages.size,
      inbound: state.inbound.size,
      media: state.media.size,
      uploads: state.uploads.size,
      pendingStatuses: ctx.statuses.pending,
      /** Sends refused at once for a limit, by Meta code (130429 throughput, 131056 pair rate, 131048 limit). */
      refusals: Object.fromEntries(refusalCounts.get(state) ?? new Map<number, number>()),
    },
    rules: {
      recipientRules: options.recipientRules,
      statusDelaysMs: options.statusDelaysMs,
      defaultThroughputMps: options.throughputMps,
      pairRate: options.pairRate,
      unverifiedRecipientLimit: options.unverifiedRecipientLimit,
      templateAutoApproveMs: options.templateAutoApproveMs ?? null,
      redirectUris: options.redirectUris,
    },
    faults: ctx.faults.list(),
  };
}
