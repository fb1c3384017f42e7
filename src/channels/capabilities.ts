/**
 * What a channel adapter can do beyond the verbs every adapter has (send, mark read, media,
 * templates, the number list, account health). Modules ask `hasCapability` before offering a flow,
 * and the adapter throws `ChannelError("unsupported")` if asked anyway; docs/channels.md has the
 * table of which adapter declares which.
 */
export const CHANNEL_CAPABILITIES = [
  /** Add a number to the account, request and verify its code (SMS / voice). */
  "number_onboarding",
  /** Register and deregister a number on the Cloud API with a six-digit PIN. */
  "pin_registration",
  /** Set the number's two-step verification PIN. */
  "two_step_pin",
  /** Meta's Resumable Upload API (template header samples as a file handle). */
  "resumable_upload",
  /** Connect through an OAuth / Embedded Signup dialog (rather than a pasted key). */
  "oauth_signup",
  /** A partner "Connect" redirect flow that hands back client and channel ids. */
  "partner_connect",
  /** Catalog item batches and batch status, and linking a catalog to the account. */
  "catalog",
  /** Commerce settings of a number (cart, catalog visibility). */
  "commerce_settings",
  /** The typing indicator sent with a read receipt. */
  "typing_indicator",
  /** Webhooks signed by the provider (`X-Hub-Signature-256`). */
  "signed_webhooks",
] as const;

export type ChannelCapability = (typeof CHANNEL_CAPABILITIES)[number];
