import { z } from "zod";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { channelFailure as metaFailure } from "../../channels/index.js";
import { findConnection, channelForWorkspace, listPhoneNumberRows } from "../connection/index.js";
import type { CatalogDeps } from "./catalog-deps.js";

export const CommerceOut = z.object({
  catalogId: z.string().nullable().describe("the catalog this workspace syncs (the catalog token's)"),
  wabaCatalogs: z
    .array(z.object({ id: z.string(), name: z.string().nullable() }))
    .describe("catalogs Meta shows connected to the WABA"),
  linked: z.boolean().describe("whether the synced catalog is the one connected to the WABA"),
  numbers: z.array(
    z.object({
      id: z.string(),
      metaPhoneNumberId: z.string(),
      displayPhoneNumber: z.string(),
      isCatalogVisible: z.boolean().nullable(),
      isCartEnabled: z.boolean().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type CommerceView = z.infer<typeof CommerceOut>;

type Deps = Pick<CatalogDeps, "db" | "vault" | "clock" | "events" | "channels">;

/**
 * Selling on WhatsApp needs the catalog connected to the WABA and, per number, the catalog shown
 * and the cart on. Read from Meta each time (WhatsApp Manager can change them too), with the
 * WhatsApp token: these are WABA and number edges.
 */
export async function describeCommerce(deps: Deps, workspaceId: WorkspaceId): Promise<CommerceView> {
  const conn = await findConnection(deps.db, workspaceId);
  const graph = await channelForWorkspace(deps, workspaceId);
  const catalogs = await graph.account.listCatalogs().catch((err: unknown) => {
    throw metaFailure(err, "reading the WABA's catalogs");
  });
  const wabaCatalogs = catalogs.data.map((c) => ({ id: c.id, name: c.name ?? null }));
  const numbers = await Promise.all(
    (await listPhoneNumberRows(deps.db, workspaceId)).map(async (n) => {
      try {
        const s = (await graph.numbers.getCommerceSettings(n.meta_phone_number_id)).data[0];
        return base(n, s?.is_catalog_visible ?? null, s?.is_cart_enabled ?? null, null);
      } catch (err) {
        return base(n, null, null, metaFailure(err, "reading the commerce settings").message);
      }
    }),
  );
  const catalogId = conn?.catalog_id ?? null;
  return {
    catalogId,
    wabaCatalogs,
    linked: catalogId !== null && wabaCatalogs.some((c) => c.id === catalogId),
    numbers,
  };
}

function base(
  n: { id: string; meta_phone_number_id: string; display_phone_number: string },
  isCatalogVisible: boolean | null,
  isCartEnabled: boolean | null,
  error: string | null,
) {
  return {
    id: n.id,
    metaPhoneNumberId: n.meta_phone_number_id,
    displayPhoneNumber: n.display_phone_number,
    isCatalogVisible,
    isCartEnabled,
    error,
  };
}

/** Connects the workspace's catalog (the catalog token's) to its WABA; `false` disconnects it. */
export async function linkCatalog(deps: Deps, workspaceId: WorkspaceId, link: boolean): Promise<CommerceView> {
  const conn = await findConnection(deps.db, workspaceId);
  if (!conn?.catalog_id)
    throw new AppError(
      "NOT_CONNECTED",
      "Put a catalog token first (PUT /v1/connection/catalog): it names the catalog.",
    );
  const graph = await channelForWorkspace(deps, workspaceId);
  try {
    if (link) await graph.account.connectCatalog(conn.catalog_id);
    else await graph.account.disconnectCatalog(conn.catalog_id);
  } catch (err) {
    throw metaFailure(err, link ? "connecting the catalog to the WABA" : "disconnecting the catalog from the WABA");
  }
  return describeCommerce(deps, workspaceId);
}

export async function setCommerceSettings(
  deps: Deps,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  input: { isCatalogVisible?: boolean; isCartEnabled?: boolean },
): Promise<CommerceView> {
  const number = (await listPhoneNumberRows(deps.db, workspaceId)).find(
    (n) => n.id === phoneNumberId || n.meta_phone_number_id === phoneNumberId,
  );
  if (!number) throw notFound("The phone number");
  const graph = await channelForWorkspace(deps, workspaceId);
  try {
    await graph.numbers.setCommerceSettings(number.meta_phone_number_id, {
      is_catalog_visible: input.isCatalogVisible,
      is_cart_enabled: input.isCartEnabled,
    });
  } catch (err) {
    throw metaFailure(err, "changing the commerce settings");
  }
  return describeCommerce(deps, workspaceId);
}
