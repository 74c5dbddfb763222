#!/bin/bash
# check-protocols: the definitions against their samples, random streams
# and the capture flows of flows.tsv.
#   run.sh T_PROTOCOLS L7CLASSIFY PROTODIR SHAREDDIR SAMPLE...
# One FAIL line per problem; the last line is "N passed, M failed[, K skipped]".
set -u
tproto=$1 classify=$2 dir=$3 shared=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0 skip=0

# Adds the closing "N passed, M failed" of a sub-run to the totals.
add() {
	local line
	line=$(tail -n1 "$1")
	if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		pass=$((pass + BASH_REMATCH[1])) fail=$((fail + BASH_REMATCH[2]))
	else
		echo "FAIL: $2: no result line"
		fail=$((fail + 1))
	fi
	grep -v -E '^[0-9]+ passed' "$1"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "# samples: each definition alone and the order in $dir/ORDER"
"$tproto" "$dir" "$dir/ORDER" "$@" > "$tmp/samples"
add "$tmp/samples" samples

echo "# coverage table: $dir/README has one per definition, cites every sample"
section=$(sed -n '/^Coverage: what a connection can start with$/,/^Proof$/p' "$dir/README")
cited=$(printf '%s\n' "$section" | tr '\n' ' ' | grep -o '\[[a-z0-9_, -]*\]' |
	tr -d '[] ' | tr ',' '\n' | sort -u)
for pat in "$dir"/*.pat; do
	name=$(basename "$pat" .pat)
	case $name in unset|unknown) continue ;; esac
	if printf '%s\n' "$section" | grep -q "^$name ("; then
		pass=$((pass + 1))
	else
		echo "FAIL: $name: no coverage table in $dir/README"
		fail=$((fail + 1))
	fi
done
for smp in "$@"; do
	name=$(basename "$smp" .sample)
	if printf '%s\n' "$cited" | grep -qx -- "$name"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $smp: no form of the coverage table cites it"
		fail=$((fail + 1))
	fi
done
for name in $cited; do
	if [ ! -f "$here/samples/$name.sample" ]; then
		echo "FAIL: the coverage table cites $name, which is no sample"
		fail=$((fail + 1))
	fi
done

echo "# random streams: 10000 printable and 10000 binary, 2 KiB each"
"$tproto" --random 10000 "$dir" > "$tmp/random"
add "$tmp/random" random

echo "# capture flows: $here/flows.tsv"
manifest=$here/flows.tsv
nflows=$(grep -c -v '^#' "$manifest")
if [ ! -d "$shared/captures/pcap" ]; then
	echo "SKIP: $shared/captures is absent: $nflows capture flows not checked"
	skip=$nflows
else
	order=$(grep -v '^#' "$dir/ORDER" | paste -sd, -)
	: > "$tmp/verdicts"
	for cap in $(grep -v '^#' "$manifest" | cut -f1 | sort -u); do
		if ! "$classify" -d "$dir" -p "$order" "$shared/captures/pcap/$cap" \
			2>/dev/null | grep -v '^#' | sed "s|^|$cap\t|" >> "$tmp/verdicts"; then
			echo "FAIL: l7classify failed on $cap"
			fail=$((fail + 1))
		fi
	done
	# manifest: capture l4 client server protocol; verdicts: capture l4
	# client server packets bytes protocol.
	awk -F'\t' '
		NR == FNR { got[$1 FS $2 FS $3 FS $4] = $7; next }
		/^#/ { next }
		{
			k = $1 FS $2 FS $3 FS $4
			if (!(k in got)) { print "FAIL: " k ": no such connection"; f++ }
			else if (got[k] != $5) { print "FAIL: " k ": " got[k] ", expected " $5; f++ }
			else p++
		}
		END { printf "%d passed, %d failed\n", p, f }' \
		"$tmp/verdicts" "$manifest" > "$tmp/flows"
	add "$tmp/flows" flows
fi

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
