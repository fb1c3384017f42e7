import type { WharfModule } from "../../platform/module.js";
import { campaignsRoutes } from "./campaigns.routes.js";
import { expandCampaignJob, type ExpandDeps } from "./expand-campaign.job.js";

export { campaignsMigrations } from "./campaigns.migrations.js";

export function campaignsModule(deps: ExpandDeps): WharfModule {
  return { name: "campaigns", routes: (app) => campaignsRoutes(app, deps), jobs: [expandCampaignJob(deps)] };
}
