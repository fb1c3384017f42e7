/**
 * Meta echoes tokens back in some messages ("Malformed access token EAAG..."), and transport
 * errors can quote the URL they failed on. Everything that ends up in an error or a log line goes
 * through here first.
 */

const REDACTED = "[redacted]";

/** Meta user / system-user / page tokens start with EAA; app tokens are `<app id>|<secret>`. */
const TOKEN_SHAPES: readonly RegExp[] = [/EAA[A-Za-z0-9_-]{10,}/g, /\b\d{6,}\|[A-Za-z0-9_-]{16,}/g];

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would redact unrelated text and are not real secrets anyway.
    if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED);
  return out;
}
