#!/usr/bin/env bash
# run.sh: whole processes on files, as users run them. `labelkit fill` on N
# data files against docxtemplater's batch script (../shared/bench/peers/
# batch-dt.js), alternating runs, medians, ratios taken within each round.
#
#   bench/batch/run.sh [N=300] [ROUNDS=5] [PEERS=../shared/bench/peers]
#
# Every measured process runs on one core (taskset -c 1; Go with
# GOMAXPROCS=1) unless its name says 2cores. Before each run: an untimed
# `sync` and a new output folder on the same disk (ext4 here). Outputs are
# deleted only at the end: on ext4 without a journal (this machine's disk),
# a new file's inode is looked for past every inode deleted in the last
# seconds (recently_deleted(), 5 s, 300 s while the inode table block is
# dirty), so a run right after deleting thousands of outputs pays for each
# of them on every file it creates, and that search does not scale with
# cores. CHURN=1 deletes the previous outputs before each run instead
# (the method before 2026-12-02). For the same reason the outputs' parent
# folder is marked as a top directory (chattr +T, where the file system
# has it): ext4 then places each run's folder, and so its files' inodes,
# in block groups away from the deletions of other processes in /tmp (Go
# builds, tests). Runs:
#   docxtemplater      node batch-dt.js TEMPLATE OUT data/*.json (no fsync)
#   labelkit           labelkit fill -q (default sync policy)
#   labelkit-nosync    labelkit fill -q --sync=none
#   labelkit-fsync     labelkit fill -q --sync=each (only if the flag exists)
#   labelkit-2cores    labelkit fill -q, GOMAXPROCS=2, both cores
#   labelkit-1doc      labelkit fill -q of one data file (cold start)
#   labelkit-agreement labelkit render -q of one agreement
#                      (examples/monosite-standard.toml: cold start of the
#                      embedded template)
#   floor-cp           cp -r of N finished outputs
#   floor-true         /bin/true (process start on this machine)
#   labelkit-base      BASE_LABELKIT fill -q, when that variable names
#                      another labelkit binary (an earlier commit, say),
#                      and labelkit-base-2cores the same on both cores
# Wall time is bash's $EPOCHREALTIME around the command (no extra process).
set -euo pipefail
n=${1:-300}
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
peers=$(cd "${3:-$root/../shared/bench/peers}" 2>/dev/null && pwd) || { echo "peers folder not found: give it as the third argument" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/lk-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$peers/." "$work/"
chmod -R u+w "$work"
(cd "$work" && npm ci --no-audit --no-fund --silent >/dev/null)
go build -C "$root" -o "$work/labelkit" ./cmd/labelkit
mkdir "$work/data"
for i in $(seq -w 1 "$n"); do cp "$work/data.json" "$work/data/d$i.json"; done
files=("$work"/data/*.json)

has_flag() { "$work/labelkit" fill --help 2>&1 | grep -c -- "$1" >/dev/null; } # -c reads it all: no SIGPIPE under pipefail
declare -A CMD
CMD[docxtemplater]="node $work/batch-dt.js $work/bench-dt.docx OUT ${files[*]}"
CMD[labelkit]="$work/labelkit fill -q -t $work/bench-go.docx -o OUT ${files[*]}"
order=(docxtemplater labelkit)
if has_flag '-sync'; then
	CMD[labelkit-nosync]="$work/labelkit fill -q --sync=none -t $work/bench-go.docx -o OUT ${files[*]}"
	CMD[labelkit-fsync]="$work/labelkit fill -q --sync=each -t $work/bench-go.docx -o OUT ${files[*]}"
	order+=(labelkit-nosync labelkit-fsync)
fi
if [ -n "${BASE_LABELKIT:-}" ]; then
	# Another labelkit build (an earlier commit) in the same rounds.
	CMD[labelkit-base]="$BASE_LABELKIT fill -q -t $work/bench-go.docx -o OUT ${files[*]}"
	CMD[labelkit-base-2cores]=${CMD[labelkit-base]}
	order+=(labelkit-base labelkit-base-2cores)
fi
CMD[labelkit-2cores]="$work/labelkit fill -q -t $work/bench-go.docx -o OUT ${files[*]}"
CMD[labelkit-1doc]="$work/labelkit fill -q -t $work/bench-go.docx -o OUT ${files[0]}"
CMD[labelkit-agreement]="$work/labelkit render -q -o OUT $root/examples/monosite-standard.toml"
CMD[floor-cp]="cp -r $work/cpsrc OUT"
CMD[floor-true]="/bin/true"
order+=(labelkit-2cores labelkit-1doc labelkit-agreement floor-cp floor-true)

# Fidelity once: every output of both engines has the expected text.
"$work/labelkit" fill -q -t "$work/bench-go.docx" -o "$work/cpsrc" "${files[@]}"
node "$work/batch-dt.js" "$work/bench-dt.docx" "$work/check-dt" "${files[0]}"
(cd "$work" && node - "$work/expected.txt" "$work/cpsrc" "$work/check-dt" <<'JS'
const fs = require('fs'), path = require('path'), PizZip = require(process.cwd() + '/node_modules/pizzip');
const [exp, ...dirs] = process.argv.slice(2);
const want = fs.readFileSync(exp, 'utf8');
const text = (x) => (x.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) || []).map((p) =>
  (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) || []).map((t) => t.replace(/<[^>]+>/g, '')).join('')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')).join('\n') + '\n';
let n = 0;
for (const d of dirs) for (const f of fs.readdirSync(d)) {
  const got = text(new PizZip(fs.readFileSync(path.join(d, f))).file('word/document.xml').asText());
  if (got !== want) { console.error('text differs: ' + path.join(d, f)); process.exit(1); }
  n++;
}
console.log('fidelity: ' + n + ' outputs have the expected text');
JS
)

run() { # $1: name, $2: round -> prints wall ms
	local k=$1 out="$work/out/$1-$2" cmd pin=(taskset -c 1) procs=1
	if [ -n "${CHURN:-}" ]; then rm -rf "$work"/out/*; fi
	sync
	cmd=${CMD[$k]//OUT/$out}
	case $k in *-2cores) pin=(); procs=2 ;; esac
	local t0=$EPOCHREALTIME
	GOMAXPROCS=$procs "${pin[@]}" $cmd
	local t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }'
}

mkdir "$work/out"
topdir=$(chattr +T "$work/out" 2>/dev/null && echo "top directory (chattr +T)" || echo "plain folder")
echo "N=$n rounds=$rounds $(nproc) cores, $(go version | cut -d' ' -f3), node $(node --version), load: $(cut -d' ' -f1-3 /proc/loadavg), outputs $([ -n "${CHURN:-}" ] && echo "deleted before each run" || echo "kept until the end") in a $topdir"
declare -A T
for r in $(seq "$rounds"); do
	# rotate the starting command from round to round
	rot=("${order[@]:$(( (r - 1) % ${#order[@]} ))}" "${order[@]:0:$(( (r - 1) % ${#order[@]} ))}")
	line="round $r:"
	for k in "${rot[@]}"; do
		ms=$(run "$k" "$r")
		T[$k]+="$ms "
		line+=" $k=${ms}ms"
	done
	echo "$line"
done
echo
printf '%-18s %10s %10s %12s\n' run 'median ms' 'docs/s' 'dt / this'
for k in "${order[@]}"; do
	med=$(printf '%s\n' ${T[$k]} | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
	# ratio: median over rounds of docxtemplater's time / this run's time in the same round
	ratio=$(paste <(printf '%s\n' ${T[docxtemplater]}) <(printf '%s\n' ${T[$k]}) | awk '{ print $1 / $2 }' | sort -n | awk '{ a[NR] = $1 } END { printf "%.1fx [%.1f-%.1f]", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), a[1], a[NR] }')
	case $k in labelkit-1doc|labelkit-agreement|floor-true) rate=- ;; *) rate=$(awk -v n="$n" -v m="$med" 'BEGIN { printf "%.0f", n / m * 1000 }') ;; esac
	printf '%-18s %10s %10s %12s\n' "$k" "$med" "$rate" "$ratio"
done
one=$(paste <(printf '%s\n' ${T[labelkit]}) <(printf '%s\n' ${T[labelkit-2cores]}) | awk '{ print $1 / $2 }' | sort -n | awk '{ a[NR] = $1 } END { printf "%.2fx", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
echo "two cores / one core (labelkit, same round, median): $one"
if [ -n "${BASE_LABELKIT:-}" ]; then
	one=$(paste <(printf '%s\n' ${T[labelkit-base]}) <(printf '%s\n' ${T[labelkit-base-2cores]}) | awk '{ print $1 / $2 }' | sort -n | awk '{ a[NR] = $1 } END { printf "%.2fx", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
	echo "two cores / one core (labelkit-base, same round, median): $one"
fi

# Where one document's time goes (in-process, one core), next to the
# floors: BenchmarkStages, writing to the same disk as the batches.
echo
echo "one document, step by step (go test -bench Stages -cpu 1 ./cmd/labelkit, median of 5):"
(cd "$root" && LABELKIT_BENCH_DIR="$work" GOMAXPROCS=1 taskset -c 1 go test -run X -bench Stages -benchtime 300x -count 5 -cpu 1 ./cmd/labelkit) |
	awk '/^BenchmarkStages/ { sub(/^BenchmarkStages\//, "", $1); sub(/-[0-9]+$/, "", $1); print $1, $3 }' |
	sort -k1,1 -k2,2n | awk '{ v[$1] = v[$1] " " $2; c[$1]++ } END { for (k in v) { m = split(substr(v[k], 2), a, " "); printf "  %-16s %9.1f µs\n", k, a[int((m + 1) / 2)] / 1000 } }' | sort
