#!/bin/sh
# l7classify on crafted captures (written by mkcaps at test time): each
# capture's per-connection lines must equal its .expect file exactly;
# errors must name the file and the offset, and never stop the others.
# Usage: run.sh L7CLASSIFY MKCAPS WORKDIR
set -u
tool=$1 mkcaps=$2 work=$3
pass=0 fail=0 skip=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

rm -rf "$work" && mkdir -p "$work/pats/sub" "$work/hpats" && cd "$work" || exit 1
# Test definitions (regexes as l7-filter pattern lines: lowercased).
pat() { printf '# test definition\n%s\n%s\n' "$2" "$3" > "pats/$1/$2.pat"; }
pat . greet '^hello'
pat . http '^get /abc/d e http/1\.0'
pat sub ssh '^ssh-'
pat sub ping '^ping-'
# For the helper captures (mkhelpers.c).
hpat() { printf '# test definition\n%s\n%s\n' "$1" "$2" > "hpats/$1.pat"; }
hpat ftp '^220 '
hpat tftp '^[\x01\x02][ -~]+(octet|netascii)'
hpat irc '^nick '
hpat sip '^invite sip:'
hpat amanda '^amanda [0-9]'
hpat scan 'image-data'
"$mkcaps" || { echo "FAIL: mkcaps"; echo "0 passed, 1 failed"; exit 1; }

# One capture at a time: exact lines, exit status 0.
for cap in eth.pcap vlan.pcap sll.pcap sll2.pcap raw.pcap reuse.pcap \
	   closing.pcap reopen.pcap untracked.pcap udptimeout.pcap icmptimeout.pcap udplite.pcap \
	   ng.pcapng; do
	"$tool" -d pats "$cap" > "$cap.out" 2> "$cap.err"
	rc=$?
	[ $rc -eq 0 ] || bad "$cap: exit status $rc: $(head -n1 "$cap.err")"
	if grep -v '^#' "$cap.out" | diff -u "$cap.expect" - > "$cap.diff"; then
		ok
	else
		bad "$cap: output differs:"; cat "$cap.diff"
	fi
done

# Conntrack helpers: with those of NAME.args assigned, the connections
# they expect are children showing their root master's verdict
# (NAME.expect); without, every connection is on its own (NAME.alone).
hcaps="ftp4.pcap ftp6.pcap tftp.pcap irc.pcap sip.pcap amanda.pcap sane.pcap"
for cap in $hcaps; do
	# shellcheck disable=SC2046
	"$tool" -d hpats $(cat "$cap.args" "$cap.opts") "$cap" > "$cap.out" \
		2> "$cap.err"
	rc=$?
	[ $rc -eq 0 ] || bad "$cap: exit status $rc: $(head -n1 "$cap.err")"
	if grep -v '^#' "$cap.out" | diff -u "$cap.expect" - > "$cap.diff"; then
		ok
	else
		bad "$cap with $(cat "$cap.args"): output differs:"; cat "$cap.diff"
	fi
	n=$(grep -c '	child	' "$cap.expect")
	if grep -q "^# $cap: .* connections ($n of them children)\$" "$cap.out"
	then ok; else bad "$cap: summary does not count $n children: $(grep "^# $cap" "$cap.out")"; fi
	# shellcheck disable=SC2046
	"$tool" -d hpats $(cat "$cap.opts") "$cap" 2>/dev/null | grep -v '^#' |
		diff -u "$cap.alone" - > "$cap.adiff" && ok ||
		{ bad "$cap without helpers: output differs:"; cat "$cap.adiff"; }
done
# A helper applies where it is assigned: another port, or another
# helper, leaves the connections alone.
for arg in "--helper ftp:2121" "--helper tftp,sip,irc,amanda,sane"; do
	# shellcheck disable=SC2086
	"$tool" -d hpats $arg ftp4.pcap 2>/dev/null | grep -v '^#' |
		diff -u ftp4.pcap.alone - > h.diff && ok ||
		{ bad "ftp4.pcap with $arg: output differs from no helper:"; cat h.diff; }
done
"$tool" -d hpats --helper ftp:2121,ftp:21 ftp4.pcap 2>/dev/null |
	grep -v '^#' | diff -u ftp4.pcap.expect - > h.diff && ok ||
	{ bad "ftp4.pcap with --helper ftp:2121,ftp:21:"; cat h.diff; }
"$tool" -d hpats --helper all $hcaps > all.out 2>/dev/null
rc=$?
n=$(grep -c '	child	' all.out)
want=$(cat $(for c in $hcaps; do echo "$c.expect"; done) | grep -c '	child	')
[ $rc -eq 0 ] && [ "$n" -eq "$want" ] && ok ||
	bad "--helper all: exit $rc, $n children, want $want"
for arg in h323 pptp nosuch ftp: ftp:0 ftp:65536 ftp:x "ftp," ",ftp" \
	   all:21; do
	"$tool" -d hpats --helper "$arg" ftp4.pcap > /dev/null 2> h.err
	rc=$?
	if [ $rc -eq 2 ] && grep -q "^l7classify: --helper " h.err; then ok
	else bad "--helper $arg: exit $rc, $(head -n1 h.err)"; fi
done

# The summary on stderr counts verdicts.
if grep -Eq '^http +1$' eth.pcap.err && grep -Eq '^unknown +1$' eth.pcap.err
then ok; else bad "eth.pcap: summary on stderr: $(tr '\n' '|' < eth.pcap.err)"; fi

# -p chooses and orders the rules; unlisted ones never decide.
"$tool" -d pats -p ping,ssh vlan.pcap sll.pcap > p.out 2> p.err
if [ "$(grep -v '^#' p.out | cut -f1,7 | tr '\t\n' ' ,')" = \
     "vlan.pcap unset,vlan.pcap unset,sll.pcap ssh," ]; then ok
else bad "-p ping,ssh: $(grep -v '^#' p.out | cut -f1,7 | tr '\t\n' ' ,')"; fi
"$tool" -d pats -p nosuch eth.pcap > /dev/null 2> p.err
rc=$?
if [ $rc -eq 2 ] && grep -qx "l7classify: Couldn't find a pattern definition file for nosuch. (looked for nosuch.pat in pats and its immediate subdirectories)" p.err; then ok
else bad "-p nosuch: exit $rc, $(head -n1 p.err)"; fi

# --maxdatalen 10: the request never fits, the flow stays undecided.
"$tool" -d pats --maxdatalen 10 eth.pcap 2>/dev/null | grep -v '^#' |
	cut -f6 | tr '\n' ' ' > md.out
if [ "$(cat md.out)" = "unset unknown ping " ]; then ok
else bad "--maxdatalen 10: $(cat md.out)"; fi
# --maxpackets 11: the UDP flow's 11th packet is still tried.
"$tool" -d pats --maxpackets 11 eth.pcap 2>/dev/null | grep -v '^#' |
	cut -f6 | tr '\n' ' ' > mp.out
if [ "$(cat mp.out)" = "http unset ping " ]; then ok
else bad "--maxpackets 11: $(cat mp.out)"; fi
for arg in "--maxpackets 0" "--maxpackets 100" "--maxdatalen 65537" \
	   "--maxdatalen x"; do
	# shellcheck disable=SC2086
	"$tool" -d pats $arg eth.pcap > /dev/null 2>&1
	rc=$?
	[ $rc -eq 2 ] && ok || bad "$arg accepted (exit $rc)"
done

# Broken captures between good ones: errors name file and offset, the
# others are still read, every line carries its capture's name.
printf 'this is not a capture at all, just text\n' > garbage.pcap
off=$(cat truncated.pcap.offset)
"$tool" -d pats vlan.pcap truncated.pcap garbage.pcap badlink.pcap \
	ng.pcapng > multi.out 2> multi.err
rc=$?
[ $rc -eq 1 ] && ok || bad "broken captures: exit status $rc, want 1"
grep -q "^l7classify: truncated.pcap: offset $off: .*truncated" multi.err &&
	ok || bad "no truncation error at offset $off: $(tr '\n' '|' < multi.err)"
grep -qx "l7classify: garbage.pcap: not a pcap or pcapng file" multi.err &&
	ok || bad "no format error for garbage.pcap: $(tr '\n' '|' < multi.err)"
grep -qx "# garbage.pcap: not read: not a pcap or pcapng file" multi.out &&
	ok || bad "garbage.pcap: no 'not read' line: $(grep garbage multi.out)"
grep -q "^l7classify: badlink.pcap: offset 24: unsupported link type 147" \
	multi.err && ok || bad "no link type error for badlink.pcap"
for cap in vlan.pcap truncated.pcap ng.pcapng badlink.pcap; do
	grep -v '^#' multi.out | awk -F'\t' -v c="$cap" '$1 == c' | cut -f2- |
		diff -u "$cap.expect" - > "$cap.mdiff" && ok ||
		{ bad "$cap among several captures:"; cat "$cap.mdiff"; }
done
n=$(grep -v '^#' multi.out | grep -cvE '^(vlan|truncated)\.pcap	|^ng\.pcapng	')
[ "$n" -eq 0 ] && ok || bad "$n lines without a known capture name"

# A missing file, an empty one, a directory: one plain message each,
# naming the file once, without an offset.
: > empty.pcap
"$tool" -d pats missing.pcap empty.pcap pats eth.pcap > none.out 2> none.err
rc=$?
[ $rc -eq 1 ] && ok || bad "missing, empty, directory: exit status $rc, want 1"
for want in "missing.pcap: No such file or directory" \
	    "empty.pcap: not a pcap or pcapng file" "pats: Is a directory"; do
	grep -qx "l7classify: $want" none.err && ok ||
		bad "no '$want': $(tr '\n' '|' < none.err)"
	grep -qx "# ${want%%: *}: not read: ${want#*: }" none.out && ok ||
		bad "no 'not read' line for ${want%%: *}: $(grep -F "${want%%: *}" none.out | tr '\n' '|')"
done
[ "$(grep -c '^eth.pcap	' none.out)" -eq "$(grep -vc '^#' eth.pcap.expect)" ] && ok ||
	bad "eth.pcap after three unreadable files: $(grep -c '^eth.pcap	' none.out) lines"

# All patterns in one pass (the default) decide exactly as each pattern
# on its own (--per-pattern), on every connection of
# the shared captures, for our definitions and for the 2009 set.
shared=${L7_SHARED:-}
if [ -n "$shared" ] && [ -d "$shared/captures/pcap" ]; then
	for dir in "${L7_PROTOCOLS:-}" "$shared/l7-protocols-2009-05-28"; do
		[ -d "$dir" ] || { bad "no pattern directory $dir"; continue; }
		"$tool" -d "$dir" "$shared"/captures/pcap/* > one.out 2>/dev/null
		"$tool" -d "$dir" --per-pattern "$shared"/captures/pcap/* \
			> each.out 2>/dev/null
		n=$(grep -vc '^#' one.out)
		if [ "$n" -gt 1000 ] && cmp -s one.out each.out; then
			ok
		else
			bad "$dir: one pass and --per-pattern differ ($n lines): $(diff one.out each.out | head -n 3 | tr '\n' '|')"
		fi
	done
	# Helpers on real traffic: no crash, and the FTP capture's two data
	# connections are children of its control connection.
	"$tool" -d "${L7_PROTOCOLS:-}" --helper all \
		"$shared"/captures/pcap/* > help.out 2> help.err
	rc=$?
	n=$(grep -c '/ftp\.pcap	.*	child	tcp	192\.168\.1\.212:50694	90\.130\.70\.73:21$' help.out)
	[ $rc -le 1 ] && [ "$n" -eq 2 ] && ok ||
		bad "--helper all on the shared captures: exit $rc, $n FTP data children: $(head -n1 help.err)"
else
	echo "SKIP: one pass vs --per-pattern, and helpers, on real captures: ../shared/captures absent"
	skip=$((skip + 3)) # ours and the 2009 set, helpers
fi

# Corrupted captures: an error or a result, never a crash.
crashes=0
for cap in eth.pcap reuse.pcap sll.pcap ng.pcapng ftp4.pcap sip.pcap \
	   irc.pcap sane.pcap; do
	for seed in $(seq 1 50); do
		"$mkcaps" --mutate "$cap" mutated.pcap "$seed" || continue
		"$tool" -d pats --helper all mutated.pcap > /dev/null 2>&1
		rc=$?
		if [ $rc -gt 1 ]; then
			cp mutated.pcap "crash-$cap-$seed.pcap"
			crashes=$((crashes + 1))
		fi
	done
done
[ $crashes -eq 0 ] && ok || bad "$crashes corrupted captures crashed the tool (crash-*.pcap)"

if [ $skip -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]
