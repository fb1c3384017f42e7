#!/bin/sh
# Runs `wharf <command>`. With WHARF_SECRETS_FILE set (deploy/compose.yaml), the master key and the
# operator token come from that file when the environment does not set them: `wharf-entrypoint
# init-secrets` writes it once with random values, so `docker compose up` needs no secret in the
# repository. Kubernetes and other deployments set the variables themselves (from a Secret).
set -eu

if [ "${1:-}" = "init-secrets" ]; then
  shift
  file="${WHARF_SECRETS_FILE:?WHARF_SECRETS_FILE must name the file to write}"
  if [ ! -s "$file" ]; then
    umask 077
    node -e '
      const { randomBytes } = require("node:crypto");
      process.stdout.write(
        `WHARF_MASTER_KEY=${randomBytes(32).toString("base64")}\n` +
        `WHARF_ADMIN_TOKEN=${randomBytes(32).toString("base64url")}\n`,
      );' > "$file.tmp"
    mv "$file.tmp" "$file"
    echo "Generated the master key and the operator token into $file (keep that volume: it decrypts the data)."
  fi
  [ "$#" -eq 0 ] && exit 0
fi

if [ -n "${WHARF_SECRETS_FILE:-}" ] && [ -s "$WHARF_SECRETS_FILE" ]; then
  while IFS='=' read -r name value; do
    case "$name" in
      WHARF_MASTER_KEY | WHARF_ADMIN_TOKEN)
        # The environment wins over the file.
        if [ -z "$(printenv "$name" || true)" ]; then export "$name=$value"; fi
        ;;
    esac
  done < "$WHARF_SECRETS_FILE"
fi

exec node /app/bin/wharf.js "$@"
