#!/usr/bin/env bash
# bench.sh: times 'labelkit render' on a batch of N agreement inputs with
# GOMAXPROCS=1 and GOMAXPROCS=2, and reports wall time, rate, speed-up and
# peak memory (max RSS from /usr/bin/time -v). See BENCH.md.
#
# Usage (from anywhere in the repository): cmd/labelkit/bench.sh [N] [RUNS]
# N inputs (default 1000), RUNS runs per setting (default 3; the best is kept).
set -euo pipefail
N=${1:-1000}
RUNS=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -C "$root" -o "$work/labelkit" ./cmd/labelkit
mkdir "$work/in"
# N distinct inputs: the multisite example with its company name numbered.
src="$root/examples/multisite-avance-renouvellement.toml"
for i in $(seq -w 1 "$N"); do
	awk -v i="$i" '!done && /^name = "/ { sub(/"$/, " " i "\""); done = 1 } { print }' "$src" >"$work/in/c$i.toml"
done
"$work/labelkit" validate -q "$work/in"

printf 'inputs: %s (%s)\n' "$N" "$(basename "$src")"
printf 'machine: %s cores, %s\n' "$(nproc)" "$(go version | cut -d' ' -f3-)"
printf 'load average before: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %10s %10s %14s %12s\n' GOMAXPROCS 'wall (s)' 'docs/s' 'user+sys (s)' 'max RSS'
declare -A best
for procs in 1 2; do
	best[$procs]=
	rss_best=
	cpu_best=
	for run in $(seq 1 "$RUNS"); do
		rm -rf "$work/out"
		GOMAXPROCS=$procs /usr/bin/time -v "$work/labelkit" render -q -o "$work/out" "$work/in" 2>"$work/time.txt"
		n=$(find "$work/out" -name '*.docx' | wc -l)
		[ "$n" -eq "$N" ] || { echo "only $n outputs" >&2; exit 1; }
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; print s }' "$work/time.txt")
		rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
		cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time.txt")
		if [ -z "${best[$procs]}" ] || awk -v a="$wall" -v b="${best[$procs]}" 'BEGIN { exit !(a < b) }'; then
			best[$procs]=$wall
			cpu_best=$cpu
		fi
		if [ -z "$rss_best" ] || [ "$rss" -gt "$rss_best" ]; then rss_best=$rss; fi
	done
	rate=$(awk -v n="$N" -v w="${best[$procs]}" 'BEGIN { printf "%.0f", n / w }')
	printf '%-12s %10s %10s %14s %8s KiB\n' "$procs" "${best[$procs]}" "$rate" "$cpu_best" "$rss_best"
done
awk -v a="${best[1]}" -v b="${best[2]}" 'BEGIN { printf "speed-up 2 vs 1: %.2fx\n", a / b }'
du -sh "$work/out" | awk '{ print "output size: " $1 }'
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
