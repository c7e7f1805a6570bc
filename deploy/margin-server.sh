#!/bin/sh
# Starts the Margin community server from environment variables (the Docker image and the
# systemd unit both run this), or runs its admin command line:
#   margin-server.sh                                   serve (MARGIN_DB, MARGIN_REDIS, MARGIN_HOST, MARGIN_PORT,
#                                                      MARGIN_PUBLIC_URL, MARGIN_TRUST_PROXY)
#   margin-server.sh admin grant-role <user> admin     the same as `npm run server -- admin grant-role …`
# LOG_LEVEL is read by the server itself (pino: info, warn, error, debug).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SERVER="${MARGIN_SERVER_JS:-$HERE/../out/main/community-server.cjs}"
DB="${MARGIN_DB:-sqlite:/data/community.db}"

if [ "${1:-}" = "admin" ]; then
  exec node "$SERVER" "$@" --db "$DB"
fi

set -- --host "${MARGIN_HOST:-0.0.0.0}" --port "${MARGIN_PORT:-4100}" --db "$DB" "$@"
if [ -n "${MARGIN_REDIS:-}" ]; then
  set -- "$@" --redis "$MARGIN_REDIS"
fi
if [ -n "${MARGIN_PUBLIC_URL:-}" ]; then
  set -- "$@" --public-url "$MARGIN_PUBLIC_URL"
fi
# Behind a reverse proxy: whose X-Forwarded-For to believe (the per-address sign-in limits need the writer's own address).
if [ -n "${MARGIN_TRUST_PROXY:-}" ]; then
  set -- "$@" --trust-proxy "$MARGIN_TRUST_PROXY"
fi
# exec: the server takes this shell's place, so SIGTERM from `docker stop` or systemd reaches it
# directly and it drains its connections before leaving.
exec node "$SERVER" "$@"
