#!/usr/bin/env bash
# run.sh: 100 agreements to PDF/A through LibreOffice, one process vs a
# pool of two, documents/s and peak memory, plus the cold start (see
# main.go). The settings run one after the other in one run: on a shared
# machine, compare them with each other (ratios), not with another run's.
# As root, the run gets a real-time priority (chrt -f 10, inherited by
# LibreOffice) as cmd/labelkit/bench.sh does, so that it measures
# LibreOffice rather than the neighbours; BENCH_PRIO=0 turns that off.
#
# Usage (from anywhere in the repository): bench/pdf/run.sh [N] [PROCS] [BATCH]
set -euo pipefail
N=${1:-100}
PROCS=${2:-1,2}
BATCH=${3:-16}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -C "$root" -o "$work/pdfbench" ./bench/pdf
prio=()
if [ "$(id -u)" -eq 0 ] && [ "${BENCH_PRIO:-1}" != 0 ] && command -v chrt >/dev/null; then
	prio=(chrt -f 10)
fi
printf 'machine: %s cores, %s\n' "$(nproc)" "$(go version | cut -d' ' -f3-)"
printf 'priority: %s\n' "${prio[*]:-normal}"
cd "$root"
"${prio[@]}" "$work/pdfbench" -n "$N" -procs "$PROCS" -batch "$BATCH"
