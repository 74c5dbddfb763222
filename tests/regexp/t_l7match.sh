#!/bin/sh
# tools/l7match: its exact interface (exit 0 match, 1 no match, 2 regex
# rejected or input unreadable), l7 preparation vs --raw, -p files.
L7MATCH=${L7MATCH:?set L7MATCH to the l7match binary}
pass=0; fail=0; skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect STATUS OUTPUT STDIN-TEXT ARGS...
expect() {
	want=$1 wout=$2 input=$3; shift 3
	got=$(printf "$input" | "$L7MATCH" "$@" 2>"$tmp/err"); rc=$?
	if [ "$rc" = "$want" ] && [ "$got" = "$wout" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: l7match $*: exit $rc \"$got\", want $want \"$wout\" ($(cat "$tmp/err"))"
	fi
}

expect 0 "match" 'xxGET / HTTP' -e 'get / http'
expect 1 "no match" 'xxGET / HTTP' --raw -e 'get / http'
expect 0 "match" 'GET' --raw -e '^GET$'
expect 0 "match" 'a*b' -e 'a\x2ab'           # decoded * is live: a*b on "a*b"
expect 0 "match" 'b' -e '^a\x2ab$'          # ... so ^a*b$ matches "b"
expect 1 "no match" 'b' --raw -e '^a\x2ab$'  # raw: \x is a literal x
expect 0 "match" 'A\000B' -e '^ab$'         # NULs dropped, lowercased
expect 0 "match" 'a' --raw -e '^a$'
expect 0 "match" 'a\000b' --raw -e '^a$'    # raw: a NUL ends the subject
expect 2 "" 'x' -e 'a**'
expect 2 "" 'x' -e '(a'
expect 2 "" 'x' -e 'x' "$tmp/does-not-exist"
expect 2 "" 'x'
expect 2 "" 'x' -e a -p "$tmp/x.pat"
expect 2 "" 'x' --bogus -e a

# Only the first 2047 bytes are seen in l7 mode.
head -c 2046 /dev/zero | tr '\0' a > "$tmp/long"; printf 'bz' >> "$tmp/long"
expect 0 "match" '' -e 'ab' "$tmp/long"
expect 1 "no match" '' -e 'bz' "$tmp/long"
expect 0 "match" '' --raw -e 'bz$' "$tmp/long"

printf '# test\nproto\n^HELLO\\x20world\nuserspace pattern=x\n' > "$tmp/proto.pat"
expect 0 "match" 'Hello World' -p "$tmp/proto.pat"
expect 1 "no match" 'Hello World' --raw -p "$tmp/proto.pat"
printf 'other\nx\n' > "$tmp/bad.pat"
expect 2 "" 'x' -p "$tmp/bad.pat"
if ! printf 'x' | "$L7MATCH" -p "$tmp/bad.pat" 2>&1 | grep -q "doesn't match file name"; then
	fail=$((fail + 1)); echo "FAIL: -p name mismatch message"
else
	pass=$((pass + 1))
fi

# -p reads files as iptables does: refusals and warnings alike
printf 'crlf\r\n^a\r\n' > "$tmp/crlf.pat"
expect 2 "" 'a' -p "$tmp/crlf.pat"
printf 'warn\n^a\\x4\n' > "$tmp/warn.pat"
expect 0 "match" 'ax4' -p "$tmp/warn.pat"
if grep -q '^l7match: warning: .*"\\x4" at column 3 is no' "$tmp/err"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: -p warning: $(cat "$tmp/err")"
fi

dir=${L7_SHARED:-../shared}/l7-protocols-2009-05-28
if [ -d "$dir" ]; then
	expect 0 "match" 'SSH-2.0-OpenSSH_9.2\r\n' -p "$dir/protocols/ssh.pat"
	expect 1 "no match" 'GET / HTTP/1.1\r\n' -p "$dir/protocols/ssh.pat"
	expect 0 "match" 'HTTP/1.1 200 OK\r\nDate: x\r\n' -p "$dir/protocols/http.pat"
else
	echo "SKIP: the 2009 pattern set is not available ($dir)"
	skip=$((skip + 1))
fi

# --help describes each option on a line of its own, and the exit status,
# as l7classify --help does (it once printed the usage line only).
"$L7MATCH" --help > "$tmp/help"; rc=$?
[ $rc -eq 0 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: l7match --help: exit $rc"; }
for o in '-e REGEX ' '-p FILE.pat ' '--raw ' '-h, --help '; do
	if grep -qF -- "  $o" "$tmp/help" && grep -- "^  $o" "$tmp/help" | grep -q '[a-z]  *[a-z(]'; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: l7match --help does not describe $o"
	fi
done
grep -q '^Exit status: 0 match, 1 no match, 2 ' "$tmp/help" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL: l7match --help does not give the exit status"; }

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
