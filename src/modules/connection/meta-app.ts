import type { GraphClient } from "../../graph/index.js";

/**
 * The Meta app Wharf acts as: the real one in production, the emulator's in sandbox mode.
 * Built by the composition root; the connection module is the only one that sees the app secret.
 */
export interface MetaApp {
  appId: string;
  appSecret: string;
  /** What Meta must send as hub.verify_token in the webhook handshake (WHARF_META_VERIFY_TOKEN; the sandbox's own). */
  verifyToken: string;
  graphVersion: string;
  /** Where the browser is sent to log in: https://www.facebook.com, or the emulator. */
  dialogBaseUrl: string;
  /** Embedded Signup configuration, when one is set up. */
  configId: string | null;
  /** Our callback: `${publicUrl}/oauth/meta/callback`. */
  redirectUri: string;
  /** Where the callback sends the browser afterwards. */
  dashboardUrl: string;
  graph: GraphClient;
}

/** The permissions Wharf asks for. The catalog is connected apart, with its own token. */
export const REQUIRED_SCOPES = ["whatsapp_business_management", "whatsapp_business_messaging"] as const;
