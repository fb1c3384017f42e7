import type { MetaChannel } from "../../channels/index.js";

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
  /**
   * Embedded Signup's popup, offered when a configuration is set (in sandbox mode always, with the
   * emulator's stand-ins): Meta's JavaScript SDK (connect.facebook.net) the dashboard loads, and the
   * origins whose `WA_EMBEDDED_SIGNUP` messages it believes (facebook.com's, or the emulator's).
   */
  embeddedSignup: { configId: string; sdkUrl: string; origins: string[] } | null;
  /** Our callback: `${publicUrl}/oauth/meta/callback`. */
  redirectUri: string;
  /** Where the callback sends the browser afterwards. */
  dashboardUrl: string;
  /** Meta's channel adapter: its `connect` calls (code exchange, token inspection) serve the connect flow. */
  channel: MetaChannel;
}

/** The permissions Wharf asks for. The catalog is connected apart, with its own token. */
export const REQUIRED_SCOPES = ["whatsapp_business_management", "whatsapp_business_messaging"] as const;
