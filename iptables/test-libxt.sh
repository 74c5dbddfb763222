#!/bin/bash
# The extension's parse and final-check path on the host, no kernel:
# iptables-translate parses a rule completely (x6_parse, x6_fcheck) and
# prints it untranslated, so every pattern file can be loaded and every
# error checked.  Save/restore with a kernel is in tests/vm/t/k-*.sh.
#
#   test-libxt.sh TOP
set -u
top=${1:?usage: test-libxt.sh TOP}
ext=$top/iptables
export XTABLES_LIBDIR=$ext:$(pkg-config --variable=xtlibdir xtables 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/xtables)
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

command -v iptables-translate >/dev/null || { echo "SKIP: no iptables-translate"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

xl() { iptables-translate -A INPUT -m layer7 "$@" -j ACCEPT 2>&1; }

# expect_ok ARGS...: accepted, and the rule comes back in save form
expect_ok() {
	local out
	if out=$(xl "$@"); then ok; else bad "rejected: $* => $out"; fi
}
# expect_err TEXT ARGS...: rejected with a message containing TEXT
expect_err() {
	local want=$1 out; shift
	if out=$(xl "$@"); then
		bad "accepted: $*"
	elif [[ $out != *"$want"* ]]; then
		bad "wrong message for $*: $out (want: $want)"
	else
		ok
	fi
}

# --- every file of the 2009 package, through the full parse path ----------
old=$top/../shared/l7-protocols-2009-05-28
if [ -d "$old" ]; then
	n=0
	while read -r f; do
		name=$(basename "$f" .pat)
		expect_ok --l7dir "$old" --l7proto "$name"
		n=$((n + 1))
	done < <(find "$old" -name '*.pat' | sort)
	[ "$n" -eq 145 ] && ok || bad "expected 145 pattern files in $old, found $n"
else
	echo "SKIP: $old absent (2009 package)"; skip=$((skip + 1))
fi

# --- the project's own definitions ------------------------------------------
for f in "$top"/protocols/*.pat; do
	[ -f "$f" ] || continue
	expect_ok --l7proto "$(basename "$f" .pat)" --l7dir "$top/protocols"
done

# --- options in any order, inversion, save form ----------------------------
d=$tmp/pats
mkdir -p "$d/protocols" "$d/extra" "$d/testing"
printf '# a comment\nfoo\n^foo\\x7cbar\n' > "$d/protocols/foo.pat"
printf 'foo\n^from-testing\n' > "$d/testing/foo.pat"
printf 'bar\n^bar\n' > "$d/extra/bar.pat"
printf 'top\n^top\n' > "$d/top.pat"
expect_ok --l7proto foo --l7dir "$d"
expect_ok --l7dir "$d" --l7proto foo
expect_ok ! --l7proto bar --l7dir "$d"
# (iptables-translate drops "!" from what it cannot translate: the
# inverted save form is checked against a kernel, in the VM scenarios)
out=$(xl --l7proto top --l7dir "$d")
[[ $out == *"--l7proto top --l7dir $d"* ]] && ok || bad "save form with --l7dir: $out"
out=$(xl --l7proto top --l7dir /etc/l7-protocols 2>&1)
[[ $out != *"--l7dir"* ]] || bad "the default --l7dir is saved: $out"
[[ $out == *"Couldn't find"* || $out == *"/etc/l7-protocols"* || $out == *"--l7proto top"* ]] &&
	ok || bad "default dir: $out"

# --- errors -----------------------------------------------------------------
expect_err "you must specify --l7proto" --l7dir "$d"
expect_err "looked for nosuch.pat in $d" --l7proto nosuch --l7dir "$d"
expect_err "must not start with '.'" --l7proto .hidden --l7dir "$d"
expect_err "contain '/'" --l7proto ../foo --l7dir "$d"
expect_err "contain '/'" --l7proto protocols/foo --l7dir "$d"
expect_err "too long" --l7proto "$(printf 'a%.0s' $(seq 256))" --l7dir "$d"
expect_err "--l7dir too long" --l7proto foo --l7dir "/$(printf 'a%.0s' $(seq 1100))"
printf 'other\n^x\n' > "$d/mismatch.pat"
expect_err "doesn't match file name" --l7proto mismatch --l7dir "$d"
printf 'badre\n^(ab\n' > "$d/badre.pat"
expect_err "regex error at offset" --l7proto badre --l7dir "$d"
printf 'badrange\n[z-a]\n' > "$d/badrange.pat"
expect_err "regex error" --l7proto badrange --l7dir "$d"
# prepared length: 8192 characters cannot fit pattern[8192]
{ echo long; printf 'a%.0s' $(seq 8192); echo; } > "$d/long.pat"
expect_err "too long" --l7proto long --l7dir "$d"
# 8191 characters is the limit from the other side
{ echo edge; printf 'a%.0s' $(seq 8191); echo; } > "$d/edge.pat"
expect_ok --l7proto edge --l7dir "$d"
# the first file in search order wins: dir itself, then testing before protocols
printf 'first\n(\n' > "$d/testing/first.pat"
printf 'first\n^ok\n' > "$d/protocols/first.pat"
expect_err "regex error" --l7proto first --l7dir "$d"

echo "$pass passed, $fail failed${skip:+, $skip skipped}" | sed 's/, 0 skipped//'
[ "$fail" -eq 0 ]
