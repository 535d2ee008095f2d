#!/usr/bin/env bash
# Applies every numbered script in deploy/sql, in order, to one database.
# Usage: deploy/sql/apply.sh "postgresql://user@host:port/db"   (or set DATABASE_URL)
set -euo pipefail
target="${1:-${DATABASE_URL:-}}"
if [ -z "$target" ]; then
  echo "usage: $0 <connection URI or libpq string> (or set DATABASE_URL)" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
shopt -s nullglob
for script in "$here"/[0-9]*.sql; do
  psql "$target" -X -q -v ON_ERROR_STOP=1 --single-transaction -f "$script"
  echo "applied $(basename "$script")"
done
