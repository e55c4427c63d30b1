#!/usr/bin/env bash
# Restores a backup made by ops/backup.sh into an EMPTY database and an empty media folder (or,
# with STORAGE_S3_BUCKET set, an empty bucket: manage.py media_import), then upgrades it to
# this release (manage.py migrate) and checks it. See docs/operations.md.
#
#   DATABASE_URL=postgres://.../new_empty_db MEDIA_ROOT=/srv/mentorship/media SECRET_KEY=... \
#       ops/restore.sh [--compose] [--force] BACKUP_FOLDER
#
# It refuses a database that has tables, or a media folder that has files, unless --force
# (then the backup's tables replace those of the same name and its files are written over
# the folder's). It checks the files against SHA256SUMS before it changes anything, and
# warns loudly when SECRET_KEY is missing or is not the key the backup was made with:
# consent links, password reset links, sessions and email Message-IDs depend on it.
# Stop web, worker and beat while it runs.
#
# --compose restores into the docker-compose installation in the current folder (start
# only its postgres service first: docker compose up -d postgres).
set -euo pipefail

usage() {  # the comment at the top of this file
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit "${1:-0}"
}

COMPOSE=0
FORCE=0
BACKUP=""
while [ $# -gt 0 ]; do
    case "$1" in
        --compose) COMPOSE=1 ;;
        --force) FORCE=1 ;;
        -h | --help) usage 0 ;;
        -*) echo "Unknown option: $1" >&2; usage 2 >&2 ;;
        *) BACKUP=$1 ;;
    esac
    shift
done
[ -n "$BACKUP" ] || usage 2 >&2

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=ops/common.sh
. "$ROOT/ops/common.sh"

[ -f "$BACKUP/SHA256SUMS" ] || fail "$BACKUP is not a backup made by ops/backup.sh (no SHA256SUMS)."
echo "Checking $BACKUP"
(cd "$BACKUP" && sha256sum --check --quiet SHA256SUMS) || fail "The backup is damaged: see above."

key_warning=""
key=$(secret_key)
if [ ! -f "$BACKUP/secret_key.fingerprint" ]; then
    key_warning="The backup has no SECRET_KEY fingerprint: make sure SECRET_KEY is the key it ran with."
elif [ -z "$key" ]; then
    key_warning="SECRET_KEY is not set: set the key the backup ran with before starting the site."
elif [ "$(fingerprint "$key")" != "$(cat "$BACKUP/secret_key.fingerprint")" ]; then
    key_warning="SECRET_KEY is NOT the key this backup was made with."
fi
if [ -n "$key_warning" ]; then
    loud "$key_warning" \
        "With another key every consent link and password reset link already sent stops" \
        "working, everyone is signed out, and a mail sent again gets a new Message-ID" \
        "(docs/operations.md). Restore the old key from your secret store if you have it."
fi

tables=$(database_query "SELECT count(*) FROM information_schema.tables
    WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
restore_options=(--no-owner --no-privileges --exit-on-error --single-transaction)
if [ "$tables" != 0 ]; then
    [ "$FORCE" = 1 ] || fail "The database $(database_label) is not empty ($tables tables)." \
        "Restore into a new, empty database (createdb), or pass --force to replace its tables."
    restore_options+=(--clean --if-exists)
fi
if ! media_is_empty; then
    [ "$FORCE" = 1 ] || fail "The media storage ($(media_label)) is not empty." \
        "Restore into an empty folder or bucket, or pass --force to write the backup's files over it."
fi

echo "- database into $(database_label)"
restore_database "$BACKUP/database.dump" "${restore_options[@]}"
echo "- media into $(media_label)"
unpack_media "$BACKUP/media.tar.gz"
echo "- upgrading to this release (migrate)"
manage migrate --noinput
echo "- checking"
manage check --database default
if [ -n "$key_warning" ]; then loud "$key_warning"; fi
echo "Restored $BACKUP."
