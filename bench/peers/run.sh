#!/usr/bin/env bash
# run.sh: labelkit's render engine against docxtemplater, in one run, on the
# shared peers benchmark (same document, data and expected text).
#
#   bench/peers/run.sh [N=1000] [ROUNDS=3] [PEERS=../shared/bench/peers]
#
# It copies the peers folder to a temporary folder (shared/ is read-only),
# installs docxtemplater there (npm ci), builds this folder's Go program, then
# alternates the two engines ROUNDS times (docxtemplater, labelkit with
# GOMAXPROCS=1, ...) and prints each run's RESULT line and the medians.
# Both engines render on one core: node is single-threaded, and labelkit runs
# with GOMAXPROCS=1.
set -euo pipefail
n=${1:-1000}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
peers=$(cd "${3:-$here/../../../shared/bench/peers}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$peers/." "$work/"
chmod -R u+w "$work"
(cd "$work" && npm ci --no-audit --no-fund --silent >/dev/null)
mkdir -p "$work/out"
(cd "$here/../.." && go build -o "$work/labelkit-peers" ./bench/peers)

: >"$work/results"
for r in $(seq "$rounds"); do
  (cd "$work" && node bench-dt.js "$n" --json) | grep '^RESULT' | sed 's/^RESULT /docxtemplater /' | tee -a "$work/results"
  GOMAXPROCS=1 "$work/labelkit-peers" -dir "$work" -out "$work/out" -n "$n" -json | grep '^RESULT' | sed 's/^RESULT /labelkit /' | tee -a "$work/results"
done

node - "$work/results" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => {
  const i = l.indexOf(' ');
  return [l.slice(0, i), JSON.parse(l.slice(i + 1))];
});
const med = (a) => { a = [...a].sort((x, y) => x - y); return a[Math.floor(a.length / 2)]; };
const by = {};
for (const [e, r] of rows) (by[e] ||= []).push(r);
const figs = ['first_doc_ms', 'docs_per_s', 'median_ms', 'p99_ms', 'peak_rss_mib'];
console.log('\nmedians over ' + by.labelkit.length + ' runs each');
console.log(['engine', ...figs].join('\t'));
for (const e of Object.keys(by)) console.log([e, ...figs.map((f) => med(by[e].map((r) => r[f])).toFixed(2))].join('\t'));
const ratio = med(by.labelkit.map((r) => r.docs_per_s)) / med(by.docxtemplater.map((r) => r.docs_per_s));
console.log('labelkit / docxtemplater throughput: ' + ratio.toFixed(1) + 'x');
JS
