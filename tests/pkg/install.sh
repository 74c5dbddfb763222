#!/bin/bash
# check-install: make install and make uninstall, staged with DESTDIR in
# a scratch directory (no root needed, the machine is not touched).
#
#   tests/pkg/install.sh TOP KVER
#
# What goes where (PREFIX honoured), definitions the administrator
# changed kept with the new one as NAME.new, an unchanged one from an
# earlier install updated, and uninstall leaving the tree exactly as it
# was before install, except for the changed definition (named).
set -uo pipefail
top=$1 kver=$2
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect() { # DESCRIPTION COMMAND...
	local d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}

t=$(mktemp -d "${TMPDIR:-/tmp}/check-install.XXXXXX")
trap 'rm -rf "$t"' EXIT
d=$t/root
xtlib=$(pkg-config --variable=xtlibdir xtables)
man=/usr/local/share/man
manifest=/usr/local/share/xt-layer7/installed-files

inst() { make -s -C "$top" --no-print-directory DESTDIR="$d" "$@" > "$t/out" 2>&1; }
tree() { (cd "$d" && find . | LC_ALL=C sort); }

# Something of someone else's in the directories install shares.
mkdir -p "$d/usr/local/bin" "$d/etc"
echo other > "$d/usr/local/bin/other-tool"
tree > "$t/before"

inst install && ok || bad "make install: $(cat "$t/out")"
[ ! -s "$t/out" ] && ok || bad "a first install said something: $(cat "$t/out")"
for f in "/lib/modules/$kver/extra/xt_layer7.ko" "$xtlib/libxt_layer7.so" \
	 /usr/local/bin/l7match /usr/local/bin/l7classify \
	 /etc/l7-protocols/http.pat /etc/l7-protocols/ORDER "$manifest"; do
	expect "not installed: $f" test -f "$d$f"
done
expect "l7match not executable" test -x "$d/usr/local/bin/l7match"
# Every definition, every man page by its section, l7-qos when present.
for p in "$top"/protocols/*.pat; do
	cmp -s "$p" "$d/etc/l7-protocols/${p##*/}" || bad "definition ${p##*/} not installed"
done
for m in "$top"/tools/*.[1-8] "$top"/iptables/*.[1-8] "$top"/protocols/*.[1-8] "$top"/doc/*.[1-8]; do
	[ -f "$m" ] || continue
	s=${m##*.}
	expect "man page ${m##*/} not in man$s" test -f "$d$man/man$s/${m##*/}"
done
if [ -f "$top/tools/l7-qos" ]; then
	expect "l7-qos not in sbin" test -x "$d/usr/local/sbin/l7-qos"
fi
# The manifest lists exactly the files under DESTDIR that were not there.
tree | sed 's|^\.||' > "$t/all"
LC_ALL=C comm -13 <(sed 's|^\.||' "$t/before") "$t/all" | while read -r f; do
	[ -d "$d$f" ] || echo "$f"
done | grep -vx "$manifest" > "$t/new-files"
awk '$1 != "d" { print $3 }' "$d$manifest" | LC_ALL=C sort > "$t/listed"
expect "manifest and installed files differ: $(diff "$t/listed" "$t/new-files" | head -n 4 | tr '\n' ' ')" \
	cmp -s "$t/listed" "$t/new-files"

# An administrator's change survives a reinstall; the new file is .new.
echo "# local change" >> "$d/etc/l7-protocols/http.pat"
cp "$d/etc/l7-protocols/http.pat" "$t/changed"
inst install
expect "changed http.pat overwritten" cmp -s "$t/changed" "$d/etc/l7-protocols/http.pat"
expect "no http.pat.new" cmp -s "$top/protocols/http.pat" "$d/etc/l7-protocols/http.pat.new"
expect "reinstall did not name the kept file: $(cat "$t/out")" \
	grep -q 'kept your changed /etc/l7-protocols/http.pat; the new one is /etc/l7-protocols/http.pat.new' "$t/out"
# A definition an earlier install put there, unchanged since, is updated
# (here: an older ssh.pat, as the manifest recorded it).
echo "# older ssh definition" > "$d/etc/l7-protocols/ssh.pat"
old=$(md5sum < "$d/etc/l7-protocols/ssh.pat" | cut -d' ' -f1)
sed -i "s|^c [0-9a-f]* /etc/l7-protocols/ssh.pat\$|c $old /etc/l7-protocols/ssh.pat|" "$d$manifest"
inst install
expect "older unchanged ssh.pat not updated" cmp -s "$top/protocols/ssh.pat" "$d/etc/l7-protocols/ssh.pat"
expect "ssh.pat.new for an unchanged file" test ! -e "$d/etc/l7-protocols/ssh.pat.new"
# A file that was there before any install (the 2009 package's, say) is
# not ours either.
echo "# 2009 ftp" > "$d/etc/l7-protocols/ftp.pat"
sed -i '\| /etc/l7-protocols/ftp.pat$|d' "$d$manifest"
inst install
expect "foreign ftp.pat overwritten" grep -qx '# 2009 ftp' "$d/etc/l7-protocols/ftp.pat"
expect "no ftp.pat.new" test -f "$d/etc/l7-protocols/ftp.pat.new"

# uninstall: everything install put there goes, the changed definition
# stays (and is named), so does the foreign one; nothing else changes.
inst uninstall && ok || bad "make uninstall: $(cat "$t/out")"
expect "uninstall did not name the kept http.pat: $(cat "$t/out")" \
	grep -q 'kept /etc/l7-protocols/http.pat: changed since it was installed' "$t/out"
tree > "$t/after"
printf '%s\n' ./etc/l7-protocols ./etc/l7-protocols/ftp.pat ./etc/l7-protocols/http.pat >> "$t/before"
LC_ALL=C sort -o "$t/before" "$t/before"
expect "uninstall left or removed: $(diff "$t/before" "$t/after" | grep '^[<>]' | head -n 6 | tr '\n' ' ')" \
	cmp -s "$t/before" "$t/after"
expect "uninstall removed someone else's file" test -f "$d/usr/local/bin/other-tool"
inst uninstall && ok || bad "uninstall twice: $(cat "$t/out")"

# PREFIX places tools and man pages; uninstall with the same PREFIX.
rm -rf "$d" && mkdir -p "$d"
inst install-user PREFIX=/opt/l7
expect "PREFIX=/opt/l7: no /opt/l7/bin/l7classify" test -x "$d/opt/l7/bin/l7classify"
expect "PREFIX=/opt/l7: l7match in /usr/local" test ! -e "$d/usr/local/bin/l7match"
expect "install-user installed a module" test ! -d "$d/lib/modules"
inst uninstall PREFIX=/opt/l7
left=$(cd "$d" && find . -mindepth 1)
expect "left after uninstall PREFIX=/opt/l7: $left" test -z "$left"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
