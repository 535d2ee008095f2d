#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need if the machine lacks it, builds the
# solution once, runs every test project one after another, and prints one closing line
# "N passed, N failed, N skipped". Exit code 0 only if every test passed.
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${CONFIGURATION:-Debug}"

need_apt=()
if ! command -v pg_config >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
command -v psql >/dev/null 2>&1 || need_apt+=(postgresql-client)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
# The browser tests drive Debian's Chromium through Playwright (no browser download).
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The partition tests build a network of namespaces with iproute2 (and need root for it).
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || need_apt+=(iproute2)
# The deployment tests render the Kubernetes manifests with kubectl kustomize.
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubernetes-client)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

dotnet build Cluster.sln -c "$configuration" -warnaserror -nologo -v:q

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
for project in tests/Grains.Tests tests/Gateway.Tests tests/Cluster.Tests tests/Partition.Tests tests/Browser.Tests; do
  echo "== $project"
  if ! dotnet test "$project" -c "$configuration" --no-build --nologo 2>&1 | tee -a "$log"; then
    status=1
  fi
done

counts=$(grep -E '(Passed|Failed)!\s+-\s+Failed:' "$log" | awk '
  { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
    n++ }
  END { printf "%d %d %d %d", p, f, s, n }')
read -r passed failed skipped projects <<<"$counts"
[ "$passed" -gt 0 ] || status=1
[ "$failed" -eq 0 ] || status=1
[ "$skipped" -eq 0 ] || status=1
[ "$projects" -eq 5 ] || { echo "expected results from 5 test projects, got $projects"; status=1; }
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
