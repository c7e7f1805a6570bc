#!/bin/sh
# Backs up the community store, keeping the last 14 (run daily from cron or a systemd timer):
#   deploy/backup.sh                       the compose deployment's PostgreSQL (pg_dump, custom format)
#   MARGIN_DB=sqlite:/var/lib/margin/community.db deploy/backup.sh     a SQLite store (online .backup)
# Restore PostgreSQL: docker compose -f deploy/compose.yaml exec -T postgres pg_restore -U margin -d margin --clean < file.dump
# Restore SQLite: stop the server, copy the .db file back in place, start it.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="${MARGIN_BACKUP_DIR:-$HERE/backups}"
KEEP="${MARGIN_BACKUP_KEEP:-14}"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

case "${MARGIN_DB:-compose}" in
  sqlite:*)
    FILE="${MARGIN_DB#sqlite:}"
    # The online backup API: a consistent copy while the server keeps writing (WAL mode).
    node -e "const D=require('better-sqlite3'); new D(process.argv[1], { readonly: true }).backup(process.argv[2]).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); })" "$FILE" "$OUT/community-$STAMP.db"
    TARGET="$OUT/community-$STAMP.db"
    ;;
  compose)
    docker compose -f "$HERE/compose.yaml" exec -T postgres pg_dump -U margin -d margin -Fc > "$OUT/margin-$STAMP.dump"
    TARGET="$OUT/margin-$STAMP.dump"
    ;;
  postgres://*|postgresql://*)
    pg_dump -d "$MARGIN_DB" -Fc > "$OUT/margin-$STAMP.dump"
    TARGET="$OUT/margin-$STAMP.dump"
    ;;
esac
echo "backed up to $TARGET"
# Keep the newest $KEEP.
ls -1t "$OUT" | tail -n +"$((KEEP + 1))" | while read -r old; do rm -f "$OUT/$old"; done
