#!/usr/bin/env bash
# Every benchmark of the README's table, one after another on this machine, with the table's arguments. Everything
# they print goes to the log named by the first argument (default: benchmarks-<date>.log in the current folder).
# About 50 minutes on the 2-core development VM. Nothing else should run meanwhile: the figures are CPU-bound.
set -euo pipefail
log=$(realpath -m "${1:-benchmarks-$(date -u +%F).log}")
cd "$(dirname "$0")/../.."
dotnet build -c Release Cluster.sln -warnaserror -v q -nologo
ulimit -n 20000
{
    echo "run-all: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
    echo "machine:$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f", $2/1048576}' /proc/meminfo) GiB, $(uname -r)"
} | tee "$log"

run() {
    echo | tee -a "$log"
    echo "### $* ($(date -u +%T))" | tee -a "$log"
    dotnet tests/Load/bin/Release/net10.0/Load.dll "$@" 2>&1 | tee -a "$log"
}

run startup 5
run chain-hash
run chain-validate
run chain-converge
run chat-durable
run chat-memory
run chat-fanout --rate 100 --inline 1 --flush-ms 100
run chat-fanout --rate 20 --inline 1 --flush-ms 50
run chat-http-post
run chat-http-post --mode cluster
run chat-redpacket
run cluster-failover 3
run cluster-scale 20 2000 16 20
run chat-uploads
run qr-scan
echo "run-all: done $(date -u +%FT%TZ)" | tee -a "$log"
