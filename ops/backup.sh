#!/usr/bin/env bash
# Backs up an installation: the PostgreSQL database (pg_dump, custom format), the uploaded
# and produced files (a tar of MEDIA_ROOT) and a fingerprint of SECRET_KEY (never the key).
# See docs/operations.md.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/mentorship/media SECRET_KEY=... \
#       ops/backup.sh [--compose] [DEST]
#
# DEST (default: backups/) receives a new folder mentorship-<UTC time>/ with
#   database.dump        pg_dump --format=custom of DATABASE_URL
#   media.tar.gz         every file under MEDIA_ROOT, or with STORAGE_S3_BUCKET set every object
#                        of the bucket (manage.py media_export, the site's storage settings)
#   secret_key.fingerprint
#                        16 hex digits of sha256("mentorship-backup:" + SECRET_KEY): restore
#                        compares it with the key it is given, and warns when they differ
#   backup.txt           when, from where, which release
#   SHA256SUMS           checked by ops/restore.sh before it changes anything
#
# --compose runs against the docker-compose installation in the current folder instead:
# pg_dump inside the postgres container (its own version), the media volume through the web
# image, and the fingerprint of the SECRET_KEY the web container is given (.env).
set -euo pipefail
umask 077  # the backup holds personal data: readable by its owner only

usage() {  # the comment at the top of this file
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit "${1:-0}"
}

COMPOSE=0
DEST=backups
while [ $# -gt 0 ]; do
    case "$1" in
        --compose) COMPOSE=1 ;;
        -h | --help) usage 0 ;;
        -*) echo "Unknown option: $1" >&2; usage 2 >&2 ;;
        *) DEST=$1 ;;
    esac
    shift
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=ops/common.sh
. "$ROOT/ops/common.sh"

folder="$DEST/mentorship-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$DEST"
mkdir "$folder"  # never into an earlier backup
echo "Backing up to $folder"

echo "- database ($(database_label))"
dump_database >"$folder/database.dump"

echo "- media ($(media_label))"
pack_media >"$folder/media.tar.gz"

key=$(secret_key)
if [ -n "$key" ]; then
    fingerprint "$key" >"$folder/secret_key.fingerprint"
    echo "- SECRET_KEY fingerprint $(cat "$folder/secret_key.fingerprint") (the key itself is not in the backup)"
else
    loud "SECRET_KEY is not set here: the backup has no fingerprint of it." \
        "Without the same key after a restore, consent and password reset links stop working," \
        "everyone is signed out and Message-IDs change. Keep the key in your secret store."
fi

{
    echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(hostname)"
    echo "database: $(database_label)"
    echo "release: $(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
} >"$folder/backup.txt"

(cd "$folder" && sha256sum database.dump media.tar.gz >SHA256SUMS)
echo "Done: $folder ($(du -sh "$folder" | cut -f1))"
echo "Copy it off this server (encrypted), and keep SECRET_KEY in your secret store."
