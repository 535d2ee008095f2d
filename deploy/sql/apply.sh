#!/usr/bin/env bash
# Applies every deploy/sql/[0-9]*.sql file, in file-name order, to one database.
#
# Usage: deploy/sql/apply.sh "<libpq connection string or URI>"
#        DATABASE_URL=postgres://user@host/db deploy/sql/apply.sh
#
# Each file runs in its own transaction (psql --single-transaction) and stops at
# the first error (ON_ERROR_STOP); the script then exits non-zero. All files are
# idempotent, so re-running is safe. A transaction-scoped advisory lock
# serialises concurrent runs (e.g. several silos applying at start-up).
set -euo pipefail

usage() {
    echo "usage: $0 \"<libpq connection string or URI>\"  (or set DATABASE_URL)" >&2
    exit 2
}

case "${1:-}" in
    -h|--help) usage ;;
esac
[ "$#" -le 1 ] || usage

conn="${1:-${DATABASE_URL:-}}"
[ -n "$conn" ] || usage

command -v psql >/dev/null 2>&1 || { echo "apply.sh: psql not found in PATH" >&2; exit 127; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Byte-wise name order: 001_ < 010_ < 020_ < ... regardless of the locale.
mapfile -t files < <(cd "$here" && LC_ALL=C ls -1 -- [0-9]*.sql 2>/dev/null | LC_ALL=C sort)
if [ "${#files[@]}" -eq 0 ]; then
    echo "apply.sh: no [0-9]*.sql files in $here" >&2
    exit 1
fi

# Keep "already exists, skipping" notices out of the output; warnings and
# errors still show.
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c client_min_messages=warning"

for f in "${files[@]}"; do
    echo "applying $f"
    if ! psql "$conn" --no-psqlrc --quiet --set ON_ERROR_STOP=1 --single-transaction \
            --output=/dev/null \
            --command="SELECT pg_advisory_xact_lock(hashtext('deploy/sql/apply.sh'))" \
            --file="$here/$f"; then
        echo "apply.sh: FAILED in $f (that file was rolled back; later files were not applied)" >&2
        exit 1
    fi
done
echo "applied ${#files[@]} file(s)"
