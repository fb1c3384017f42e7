import { SCOPES } from "../auth/authorize.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { GranularScope } from "../state/model.js";

/** What the login dialog asks for, with the words Meta's dialog uses to describe each one. */
export const PERMISSION_DESCRIPTIONS: Record<string, string> = {
  [SCOPES.management]: "Manage your WhatsApp accounts: templates, phone numbers and webhooks",
  [SCOPES.messaging]: "Send and receive WhatsApp messages",
  [SCOPES.business]: "Read your business portfolio",
  [SCOPES.catalog]: "Manage your product catalogs",
};

/** A Facebook Login for Business configuration (config_id) grants all of these. */
export const DEFAULT_PERMISSIONS = [SCOPES.management, SCOPES.messaging, SCOPES.business, SCOPES.catalog];

/**
 * The granular scopes name the assets the user shared: the owner's WABAs for the WhatsApp
 * scopes and the business's catalogs for `catalog_management` (debug_token reports them).
 */
export function grantFor(
  state: EmulatorState,
  userId: string,
  requested: string[],
  declined: string[],
  /** The accounts the user picked in the dialog (Embedded Signup shares the ones selected); all when empty. */
  selectedWabaIds: string[] = [],
): { scopes: string[]; granularScopes: GranularScope[] } {
  const scopes = requested.filter((s) => !declined.includes(s));
  const businesses = [...state.businesses.values()].filter((b) => b.ownerUserId === userId).map((b) => b.id);
  const owned = [...state.wabas.values()].filter((w) => businesses.includes(w.businessId)).map((w) => w.id);
  const wabaIds = selectedWabaIds.length > 0 ? owned.filter((id) => selectedWabaIds.includes(id)) : owned;
  const catalogIds = [...state.catalogs.values()].filter((c) => businesses.includes(c.businessId)).map((c) => c.id);
  const granularScopes = scopes.map((scope): GranularScope => {
    if (scope === SCOPES.management || scope === SCOPES.messaging) return { scope, targetIds: wabaIds };
    if (scope === SCOPES.catalog) return { scope, targetIds: catalogIds };
    return { scope };
  });
  return { scopes, granularScopes };
}

export function parseScopeList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
