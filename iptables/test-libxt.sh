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

# A pattern file that is a FIFO or /dev/zero must neither hang iptables
# nor let it eat memory: a time and memory bound turns either into a
# failure instead of a stuck or killed test.
xl() {
	(ulimit -v 1048576; timeout 20 iptables-translate -A INPUT -m layer7 "$@" -j ACCEPT) 2>&1
}

# expect_ok ARGS...: accepted without a warning
expect_ok() {
	local out
	if ! out=$(xl "$@"); then
		bad "rejected: $* => $out"
	elif [[ $out == *warning* ]]; then
		bad "warned: $* => $out"
	else
		ok
	fi
}
# expect_warn TEXT ARGS...: accepted, with a warning containing TEXT
expect_warn() {
	local want=$1 out; shift
	if ! out=$(xl "$@"); then
		bad "rejected: $* => $out"
	elif [[ $out != *"layer7: warning: "*"$want"* ]]; then
		bad "no warning \"$want\" for $*: $out"
	else
		ok
	fi
}
# no_raw_bytes ARGS...: whatever the answer, no control byte reaches the
# terminal (tab and newline aside)
no_raw_bytes() {
	local out
	out=$(xl "$@" | LC_ALL=C tr -d '\t\n' | LC_ALL=C tr -d '\040-\176')
	[ -z "$out" ] && ok || bad "raw bytes in the answer to $*: $(printf %s "$out" | od -An -tx1 | head -2)"
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

# --- what the original read blindly (lib/l7patfile.h) -----------------------
mkfifo "$d/fifo.pat"
expect_err "fifo.pat is a FIFO, not a pattern file" --l7proto fifo --l7dir "$d"
ln -s /dev/zero "$d/zero.pat"
expect_err "zero.pat is a character device" --l7proto zero --l7dir "$d"
mkdir "$d/dir.pat"
expect_err "dir.pat is a directory" --l7proto dir --l7dir "$d"
# a 1 MiB line without a newline: only the first 64 KiB are read
head -c 1048576 /dev/zero | tr '\0' a > "$d/huge.pat"
expect_err "no protocol name line in its first 64 KiB" --l7proto huge --l7dir "$d"
printf 'crlf\r\n^a\r\n' > "$d/crlf.pat"
expect_err "crlf.pat line 1 ends in a carriage return" --l7proto crlf --l7dir "$d"
printf 'crre desc\n^a\r\n' > "$d/crre.pat"
expect_err "crre.pat line 2 ends in a carriage return" --l7proto crre --l7dir "$d"
# empty once decoded: it would match every connection
printf 'x00\n\\x00abc\n' > "$d/x00.pat"
expect_err "the regex is empty once \\x00 is decoded" --l7proto x00 --l7dir "$d"
# used as the original used them, with a warning
printf 'x00mid\n^ab\\x00cd\n' > "$d/x00mid.pat"
expect_warn "\\x00 at column 4 ends the regex" --l7proto x00mid --l7dir "$d"
printf 'onedigit\n^a\\x4g\n' > "$d/onedigit.pat"
expect_warn '"\x4g" at column 3 is no \xHH escape' --l7proto onedigit --l7dir "$d"
printf 'ctl\n^a\033]0;x\007b\n' > "$d/ctl.pat"
expect_warn "a raw control byte \\x1b at column 3" --l7proto ctl --l7dir "$d"
no_raw_bytes --l7proto ctl --l7dir "$d"
# a binary file: refused, its bytes shown escaped
printf '\177ELF\002\001\001\033[2J\000\000\n' > "$d/elf.pat"
expect_err "a NUL byte at column 12" --l7proto elf --l7dir "$d"
printf '\177ELF\002\001\001\033[2J\n^x\n' > "$d/elf2.pat"
expect_err 'Protocol name (\x7fELF\x02\x01\x01\x1b[2J) doesn'"'"'t match' --l7proto elf2 --l7dir "$d"
no_raw_bytes --l7proto elf2 --l7dir "$d"
expect_err "Invalid protocol name" --l7proto "$(printf 'a\033[2J')" --l7dir "$d"
no_raw_bytes --l7proto "$(printf 'a\033[2J')" --l7dir "$d"

echo "$pass passed, $fail failed${skip:+, $skip skipped}" | sed 's/, 0 skipped//'
[ "$fail" -eq 0 ]
