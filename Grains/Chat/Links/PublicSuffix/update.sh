#!/usr/bin/env bash
# Refreshes public_suffix_list.dat (embedded in Grains.dll for LinkDetector) from Debian's
# `publicsuffix` package, installing the package first if this machine does not have it.
#
# Usage: Grains/Chat/Links/PublicSuffix/update.sh
# Then rebuild, run the LinkDetector tests and commit the new file with the version printed below.
set -euo pipefail

src=/usr/share/publicsuffix/public_suffix_list.dat
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ ! -r "$src" ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    $sudo apt-get install -y publicsuffix
fi

# A truncated or foreign file would silently turn the link filter off for most domains, so refuse
# anything that does not carry both sections of the list.
grep -q '===BEGIN ICANN DOMAINS===' "$src" && grep -q '===BEGIN PRIVATE DOMAINS===' "$src" || {
    echo "update.sh: $src does not look like the public suffix list" >&2
    exit 1
}

cp "$src" "$here/public_suffix_list.dat"
echo "copied $src (publicsuffix $(dpkg-query -W -f='${Version}' publicsuffix 2>/dev/null || echo unknown))"
