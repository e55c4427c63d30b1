# Shared by ops/backup.sh and ops/restore.sh (sourced, not run). Each operation has a plain
# variant (DATABASE_URL, MEDIA_ROOT and SECRET_KEY from the environment, PostgreSQL's client
# programs on PATH) and a docker-compose variant (COMPOSE=1: the services of
# docker-compose.yml, whose database and user are both "mentorship").
# Files live in the media folder, or, with STORAGE_S3_BUCKET set (in the environment, or
# for COMPOSE=1 in the web container's), in an S3-compatible bucket: then they are read and
# written through the site's own storage settings (manage.py media_export / media_import),
# into the same media.tar.gz.

COMPOSE_DB=(-U mentorship -d mentorship)
COMPOSE_MEDIA=/app/media

loud() {  # loud LINE...: a warning nobody scrolls past
    {
        echo
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        printf '!! %s\n' "$@"
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo
    } >&2
}

fail() { echo "$*" >&2; exit 1; }

database_url() {
    case "${DATABASE_URL:-}" in
        postgres://* | postgresql://*) echo "$DATABASE_URL" ;;
        "") fail "DATABASE_URL is not set (postgres://user:password@host:5432/name)." ;;
        *) fail "DATABASE_URL must point at PostgreSQL; for the embedded SQLite file see docs/operations.md." ;;
    esac
}

database_label() {  # the database without its password, for messages
    if [ "${COMPOSE:-0}" = 1 ]; then echo "mentorship (the compose service postgres)"; return; fi
    database_url | sed -E 's#://([^:/@]+):[^@]*@#://\1:***@#'
}

# Said once, up front: a bad DATABASE_URL inside a later $(...) would not stop the script.
if [ "${COMPOSE:-0}" != 1 ]; then database_url >/dev/null; fi

media_root() { echo "${MEDIA_ROOT:-$ROOT/media}"; }

python_here() {
    if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"
    elif [ -x "$ROOT/.venv/bin/python" ]; then echo "$ROOT/.venv/bin/python"
    else echo python3; fi
}

# `docker compose run` a one-off container of the web image, without starting its dependencies.
in_web_image() { docker compose run --rm --no-deps -T web "$@"; }

dump_database() {
    if [ "${COMPOSE:-0}" = 1 ]; then
        docker compose exec -T postgres pg_dump --format=custom "${COMPOSE_DB[@]}"
    else
        pg_dump --format=custom --dbname="$(database_url)"
    fi
}

restore_database() {  # restore_database DUMP [pg_restore options...]
    local dump=$1
    shift
    if [ "${COMPOSE:-0}" = 1 ]; then
        docker compose exec -T postgres pg_restore "$@" "${COMPOSE_DB[@]}" <"$dump"
    else
        pg_restore "$@" --dbname="$(database_url)" "$dump"
    fi
}

database_query() {  # database_query SQL: one value
    if [ "${COMPOSE:-0}" = 1 ]; then
        docker compose exec -T postgres psql -X -q -tA "${COMPOSE_DB[@]}" -c "$1"
    else
        psql -X -q -tA --dbname="$(database_url)" -c "$1"
    fi
}

# Asked once, up front: the bucket the files live in, or nothing for the media folder.
if [ "${COMPOSE:-0}" = 1 ]; then
    MEDIA_BUCKET=$(in_web_image printenv STORAGE_S3_BUCKET || true)
else
    MEDIA_BUCKET=${STORAGE_S3_BUCKET:-}
fi

media_label() {  # where the files live, for messages
    if [ -n "$MEDIA_BUCKET" ]; then echo "the bucket $MEDIA_BUCKET"
    elif [ "${COMPOSE:-0}" = 1 ]; then echo "the media volume"
    else media_root; fi
}

# GNU tar exits with 1 when a file changed while it was read: a file being written after the
# dump began, to which the dump cannot refer. Any other failure stops the backup.
pack_media() {  # a gzipped tar of every stored file, on standard output
    if [ -n "$MEDIA_BUCKET" ]; then
        manage media_export
    elif [ "${COMPOSE:-0}" = 1 ]; then
        in_web_image tar -C "$COMPOSE_MEDIA" -czf - . || [ $? -eq 1 ]
    elif [ -d "$(media_root)" ]; then
        tar -C "$(media_root)" -czf - . || [ $? -eq 1 ]
    else
        echo "  (no folder $(media_root): nothing uploaded yet, the archive is empty)" >&2
        tar -czf - -T /dev/null
    fi
}

media_is_empty() {
    local names
    if [ -n "$MEDIA_BUCKET" ]; then
        names=$(manage media_export --list) || fail "Cannot list $(media_label): see above."
        [ -z "$names" ]
    elif [ "${COMPOSE:-0}" = 1 ]; then
        [ -z "$(in_web_image find "$COMPOSE_MEDIA" -mindepth 1 -print -quit)" ]
    else
        [ ! -d "$(media_root)" ] || [ -z "$(find "$(media_root)" -mindepth 1 -print -quit)" ]
    fi
}

unpack_media() {  # unpack_media ARCHIVE (FORCE=1: write over files of the same name)
    if [ -n "$MEDIA_BUCKET" ]; then
        if [ "${FORCE:-0}" = 1 ]; then manage media_import --force - <"$1"
        else manage media_import - <"$1"; fi
    elif [ "${COMPOSE:-0}" = 1 ]; then
        in_web_image tar -C "$COMPOSE_MEDIA" -xzf - <"$1"
    else
        mkdir -p "$(media_root)"
        tar -C "$(media_root)" -xzf "$1"
    fi
}

manage() {  # manage ARGS...: python manage.py with this installation's settings
    if [ "${COMPOSE:-0}" = 1 ]; then
        in_web_image python manage.py "$@"
    else
        (cd "$ROOT" && "$(python_here)" manage.py "$@")
    fi
}

secret_key() {  # the SECRET_KEY this installation runs with, or nothing
    if [ "${COMPOSE:-0}" = 1 ]; then
        in_web_image printenv SECRET_KEY || true
    else
        printf '%s' "${SECRET_KEY:-}"
    fi
}

# A fingerprint, not the key: enough to tell two keys apart, useless for signing anything.
fingerprint() { printf 'mentorship-backup:%s' "$1" | sha256sum | cut -c1-16; }
