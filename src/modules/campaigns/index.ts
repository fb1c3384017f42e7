import type { WharfModule } from "../../platform/module.js";
import { campaignsRoutes } from "./campaigns.routes.js";
import { completeSettledCampaignsJob } from "./complete-campaign.js";
import { expandCampaignJob, type ExpandDeps } from "./expand-campaign.job.js";

export { campaignsMigrations } from "./campaigns.migrations.js";
export { campaignSettlement } from "./complete-campaign.js";

export function campaignsModule(deps: ExpandDeps): WharfModule {
  return {
    name: "campaigns",
    routes: (app) => campaignsRoutes(app, deps),
    jobs: [expandCampaignJob(deps), completeSettledCampaignsJob(deps)],
  };
}
