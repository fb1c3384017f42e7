import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import { editTemplate, readTemplate } from "../templates/template-node-handlers.js";
import { registerCatalogRoutes } from "../catalog/catalog-routes.js";
import { registerCommerceRoutes } from "../catalog/commerce-routes.js";
import { readCatalog, readProduct } from "../catalog/catalog-node-handlers.js";
import { registerControlRoutes } from "../control/control-routes.js";
import { registerD360Routes } from "../d360/index.js";
import type { EmulatorContext } from "../core/context.js";
import { deleteMedia, readMedia, registerMediaDownload } from "../media/media-node-handlers.js";
import { registerMediaRoutes } from "../media/media-routes.js";
import { registerUploadRoutes } from "../media/upload-routes.js";
import { registerMessagesRoutes } from "../messages/messages-routes.js";
import {
  readApplication,
  readBusiness,
  readPhoneNumber,
  readUser,
  readWaba,
  updatePhoneNumber,
} from "../nodes/account-node-handlers.js";
import { registerNodeRoutes } from "../nodes/node-routes.js";
import { registerDialogRoutes } from "../oauth/dialog-routes.js";
import { registerEmbeddedSignupRoutes } from "../oauth/embedded-signup-routes.js";
import { registerTokenRoutes } from "../oauth/token-routes.js";
import { registerRegistrationRoutes } from "../phone-numbers/registration-routes.js";
import { registerVerificationRoutes } from "../phone-numbers/verification-routes.js";
import { registerTemplateRoutes } from "../templates/template-routes.js";
import { registerWabaRoutes } from "../waba/waba-routes.js";
import { installBodyParsers } from "./body-parsers.js";
import { installErrorHandling } from "./error-handler.js";
import { installFaultHook } from "./fault-hook.js";
import { installRouteDocs } from "./route-docs.js";
import { installUsageHeaders } from "./usage-headers.js";

/**
 * The emulator as a Fastify plugin. It is deliberately not wrapped with fastify-plugin: its
 * parsers, hooks and error handler stay inside its own scope, so mounting it under `/_meta`
 * of Wharf's app changes nothing for Wharf's own routes.
 */
export function createPlugin(ctx: EmulatorContext, reset: () => void): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    ctx.mountPrefix = app.prefix;
    installRouteDocs(app);
    installBodyParsers(app);
    installErrorHandling(app, ctx);
    installFaultHook(app, ctx);
    installUsageHeaders(app, ctx);
    // Any request but a read may have changed the durable state (the saver batches the writes).
    app.addHook("onResponse", async (request) => {
      if (request.method !== "GET" && request.method !== "HEAD") ctx.changed();
    });

    registerDialogRoutes(app, ctx);
    registerEmbeddedSignupRoutes(app, ctx);
    registerTokenRoutes(app, ctx);
    registerWabaRoutes(app, ctx);
    registerRegistrationRoutes(app, ctx);
    registerVerificationRoutes(app, ctx);
    registerMessagesRoutes(app, ctx);
    registerTemplateRoutes(app, ctx);
    registerMediaRoutes(app, ctx);
    registerMediaDownload(app, ctx);
    registerCatalogRoutes(app, ctx);
    registerCommerceRoutes(app, ctx);
    await registerUploadRoutes(app, ctx);
    registerNodeRoutes(app, ctx, {
      GET: {
        application: readApplication,
        user: readUser,
        business: readBusiness,
        waba: readWaba,
        phone_number: readPhoneNumber,
        template: readTemplate,
        media: readMedia,
        catalog: readCatalog,
        product: readProduct,
      },
      POST: { phone_number: updatePhoneNumber, template: editTemplate },
      DELETE: { media: deleteMedia },
    });
    registerControlRoutes(app, ctx, reset);
    registerD360Routes(app, ctx);
  };
}
