#!/usr/bin/env bash
# run.sh: every finding of issue #8 (untrusted input is bounded), as a
# user meets it: labelkit validate, vars, fill or template unpack on a
# generated input (main.go writes them; nothing large is committed), each
# run under
#
#   prlimit --as=4000000000 /usr/bin/time -v labelkit ...
#
# One row per input: the exit code, the first line of the message, CPU
# (user + system seconds), peak RSS. A row FAILs when it takes more than
# 2 CPU-seconds or 500 MB, when the process dies of a fatal error, a panic
# or a signal, or when the exit code is not the expected one (a clean
# refusal, or a bounded output). Exits 1 if any row failed.
#
#   bench/hostile/run.sh [FILTER]     (FILTER: a regexp on the row names)
#
# The inputs take about 400 MB in a temporary folder, removed at the end.
set -uo pipefail
filter=${1:-.}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/lk-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -C "$root" -o "$work/labelkit" ./cmd/labelkit || exit 2
go build -C "$root" -o "$work/hostilegen" ./bench/hostile || exit 2
in=$work/in
"$work/hostilegen" "$in" || exit 2
L=$work/labelkit
out=$work/out
cd "$in" || exit 2

maxcpu=2.0            # seconds, user + system
maxrss=$((500000000 / 1024)) # kbytes, as time -v reports them
failed=0
n=0

echo "labelkit $(git -C "$root" rev-parse --short HEAD) $(go version | cut -d' ' -f3), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-34s %4s %6s %8s  %-4s  %s\n' input exit 'CPU s' 'RSS MB' '' message

# report NAME WANT [PROBLEM]: prints the row of the run whose outputs are
# in $work/time, $work/stdout, $work/stderr; WANT is the expected exit
# code; a PROBLEM found by the caller fails the row.
report() {
	local time=$work/time stdout=$work/stdout stderr=$work/stderr
	local name=$1 want=$2 extra=${3:-}
	local code user sys rss sig msg cpu verdict=ok why=
	code=$(awk -F': ' '/Exit status/ { print $2 }' "$time")
	sig=$(grep -o 'terminated by signal [0-9]*' "$time")
	user=$(awk -F': ' '/User time/ { print $2 }' "$time")
	sys=$(awk -F': ' '/System time/ { print $2 }' "$time")
	rss=$(awk -F': ' '/Maximum resident/ { print $2 }' "$time")
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	msg=$(grep -m1 -v '^\s*$' "$stderr" || true)
	[ -z "$msg" ] && msg=$(head -c 200 "$stdout" | head -n1)
	if awk -v c="$cpu" -v m="$maxcpu" 'BEGIN { exit !(c > m) }'; then verdict=FAIL why+=" cpu"; fi
	if [ "$rss" -gt "$maxrss" ]; then verdict=FAIL why+=" rss"; fi
	if grep -q -e 'fatal error' -e '^panic:' -e 'goroutine [0-9]* \[' "$stderr"; then verdict=FAIL why+=" crash"; fi
	if [ -n "$sig" ]; then verdict=FAIL why+=" $sig"; code=sig; fi
	if [ "$code" != "$want" ]; then verdict=FAIL why+=" exit $code, want $want"; fi
	[ -n "$extra" ] && { verdict=FAIL why+=" $extra"; }
	[ "$verdict" = FAIL ] && failed=$((failed + 1))
	printf '%-34s %4s %6s %8.0f  %-4s  %s\n' "$name" "$code" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k * 1024 / 1e6 }')" "$verdict" "${msg:0:100}"
	[ "$verdict" = FAIL ] && printf '%-34s %s\n' '' "FAIL:$why"
	return 0
}

# row NAME WANT COMMAND...: runs COMMAND (labelkit's arguments) measured.
row() {
	local name=$1 want=$2
	shift 2
	[[ $name =~ $filter ]] || return 0
	n=$((n + 1))
	rm -rf "$out"
	prlimit --as=4000000000 /usr/bin/time -v -o "$work/time" "$L" "$@" >"$work/stdout" 2>"$work/stderr"
	report "$name" "$want"
}

# Decoding the agreement (labelkit validate)
row 'validate toml-header' 1 validate toml-header.toml
row 'validate toml-dotted' 1 validate toml-dotted.toml
row 'validate json-array' 1 validate json-array.json
row 'validate json-keys' 1 validate json-keys.json
row 'validate toml-array' 1 validate toml-array.toml
row 'validate toml-keys' 1 validate toml-keys.toml
row 'validate toml-annexes' 1 validate toml-annexes.toml
row 'validate toml-unknown' 1 validate toml-unknown.toml

# Parsing a template (labelkit vars)
row 'vars ct-3m-attrs' 2 vars ct-3m-attrs.docx
row 'vars ct-12m-attrs' 2 vars ct-12m-attrs.docx
row 'vars rels-12m-attrs' 2 vars rels-12m-attrs.docx
row 'vars rels-1.5m' 2 vars rels-1.5m.docx
row 'vars headers-40x1m' 1 vars headers-40x1m.docx
row 'vars headers-8x1m' 1 vars headers-8x1m.docx
row 'vars utf16-64mib' 0 vars utf16-64mib.docx
row 'vars headers-3x60mb' 1 vars headers-3x60mb.docx
row 'vars headers-1x60mb' 0 vars headers-1x60mb.docx
row 'vars if-49999' 0 vars if-49999.docx
row 'vars runs-99999' 0 vars runs-99999.docx
row 'vars if-nested-49999' 0 vars if-nested-49999.docx
row 'vars attrs-100k' 0 vars attrs-100k.docx
row 'vars vba-renamed' 2 vars vba-renamed.docx
row 'vars doctype-utf32' 2 vars doctype-utf32.docx
row 'vars zip64-1m' 2 vars zip64-1m.docx

# Executing a template (labelkit fill)
x=x.json
row 'fill until' 1 fill -t t-until.docx -o "$out" "$x"
row 'fill seq' 1 fill -t t-seq.docx -o "$out" "$x"
row 'fill untilStep' 1 fill -t t-untilStep.docx -o "$out" "$x"
row 'fill repeat' 1 fill -t t-repeat.docx -o "$out" "$x"
row 'fill repeat-assigned' 1 fill -t t-repeat-assigned.docx -o "$out" "$x"
row 'fill repeat-newlines' 1 fill -t t-repeat-newlines.docx -o "$out" "$x"
row 'fill newlines-4mb' 1 fill -t t-value.docx -o "$out" newlines-4mb.json
row 'fill newlines-12mb' 1 fill -t t-value.docx -o "$out" newlines-12mb.json
row 'fill numberFR-4m-digits' 0 fill -t t-numberFR.docx -o "$out" digits-4m.json
row 'fill uniq-20000' 0 fill -t t-uniq.docx -o "$out" uniq-20000.json
row 'fill uniq-200000' 0 fill -t t-uniq.docx -o "$out" uniq-200000.json
row 'fill nested-ranges --timeout 1s' 1 fill --timeout 1s -t t-nested-ranges.docx -o "$out" "$x"

# The same with the default --timeout, stopped by one SIGINT after 1 s.
name='fill nested-ranges SIGINT'
if [[ $name =~ $filter ]]; then
	n=$((n + 1))
	rm -rf "$out"
	prlimit --as=4000000000 /usr/bin/time -v -o "$work/time" "$L" fill -t t-nested-ranges.docx -o "$out" "$x" >"$work/stdout" 2>"$work/stderr" &
	tpid=$!
	sleep 1
	# prlimit execs time, whose child is labelkit
	lpid=$(pgrep -P "$tpid")
	[ -n "$lpid" ] && kill -INT "$lpid"
	wait "$tpid"
	left=
	[ -n "$(ls -A "$out" 2>/dev/null)" ] && left="left files in out"
	report "$name" 130 "$left"
fi

# Data for fill
row 'fill data zeros-32mib.json' 1 fill -t t-len.docx -o "$out" zeros-32mib.json
row 'fill data zeros-32mib.toml' 1 fill -t t-len.docx -o "$out" zeros-32mib.toml
row 'fill data keys-32mib.json' 1 fill -t t-len.docx -o "$out" keys-32mib.json
row 'fill data strings-under-caps.json' 0 fill -t t-len.docx -o "$out" strings-under-caps.json
row 'fill data strings-under-caps.toml' 0 fill -t t-len.docx -o "$out" strings-under-caps.toml
row 'fill data zeros-under-caps.json' 0 fill -t t-len.docx -o "$out" zeros-under-caps.json
row 'fill data keys-under-caps.json' 0 fill -t t-len.docx -o "$out" keys-under-caps.json
row 'fill data keys-under-caps.toml' 0 fill -t t-len.docx -o "$out" keys-under-caps.toml

# template unpack --force through a symbolic link: the folder the link
# points to must be left alone.
name='unpack --force symlink'
if [[ $name =~ $filter ]]; then
	n=$((n + 1))
	tpl=$work/tpl elsewhere=$work/elsewhere
	rm -rf "$tpl" "$elsewhere"
	"$L" template unpack -o "$tpl" t-ok.docx >/dev/null 2>&1
	mkdir "$elsewhere" && echo keep >"$elsewhere/document.xml"
	rm -rf "$tpl/word" && ln -s "$elsewhere" "$tpl/word"
	prlimit --as=4000000000 /usr/bin/time -v -o "$work/time" "$L" template unpack --force -o "$tpl" t-ok.docx >"$work/stdout" 2>"$work/stderr"
	bad=
	[ "$(cat "$elsewhere/document.xml")" = keep ] && [ "$(ls "$elsewhere")" = document.xml ] || bad="wrote through the link"
	[ -L "$tpl/word" ] && bad+=" the link is still there"
	grep -q '{{.x}}' "$tpl/word/document.xml" 2>/dev/null || bad+=" word/document.xml not unpacked"
	report "$name" 0 "$bad"
fi

echo "$n rows, $failed failed"
[ "$failed" -eq 0 ]
