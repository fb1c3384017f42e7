import pino, { type Logger } from "pino";

/** Shapes secrets take in Wharf: Meta tokens (EAA...), our API keys, session cookies, bearer headers. */
const SECRET_PATTERNS: RegExp[] = [
  /EAA[A-Za-z0-9]{16,}/g,
  /whk_[a-z0-9]{16,}/g,
  /wop_[a-z0-9]{16,}/g,
  /Bearer\s+\S+/gi,
  /wharf_session=[^;\s]+/g,
];

export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((acc, re) => acc.replace(re, "[redacted]"), text);
}

export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  "*.password",
  "*.accessToken",
  "*.access_token",
  "*.apiKey",
  "*.secret",
  "*.token",
  "*.appSecret",
  "*.masterKey",
  "*.pin",
];

/**
 * pino with two layers of protection: known secret fields are redacted by path, and any string
 * argument (a message, an error text) is scrubbed of secret-shaped values before it is written.
 */
export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (err: Error) => ({
          type: err?.name,
          message: scrubSecrets(String(err?.message ?? err)),
          stack: err?.stack ? scrubSecrets(err.stack) : undefined,
        }),
      },
    },
    options.destination,
  );
}
