import type { WharfModule } from "../../platform/module.js";
import type { CatalogDeps } from "./catalog-deps.js";
import { catalogImportRoutes, catalogRoutes, commerceRoutes } from "./catalog.routes.js";
import { resumeSyncOnReconnect, syncAllCatalogsJob, syncCatalogJob } from "./sync-catalog.job.js";

export { catalogMigrations } from "./catalog.migrations.js";
export { DEFAULT_SYNC_SETTINGS, type CatalogSyncSettings } from "./catalog-deps.js";

/** Products, their sync to the Meta catalog (scheduled, on demand, after changes) and its status. */
export function catalogModule(base: Omit<CatalogDeps, "syncJob">): WharfModule {
  const syncJob = syncCatalogJob(base);
  const deps: CatalogDeps = { ...base, syncJob };
  let unsubscribe: (() => void) | null = null;
  return {
    name: "catalog",
    routes: (app) => {
      catalogRoutes(app, deps);
      catalogImportRoutes(app, deps);
      commerceRoutes(app, deps);
    },
    jobs: [syncJob, syncAllCatalogsJob(deps)],
    start() {
      unsubscribe ??= resumeSyncOnReconnect(deps);
    },
    stop() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
export { productProblems, type ProductProblem } from "./products-for-send.js";
