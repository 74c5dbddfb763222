#!/bin/bash
# check-deb: the Debian packages.
#
#   tests/pkg/deb.sh TOP
#
# make deb builds xt-layer7-dkms and xtables-layer7; lintian finds no
# error and no warning beyond tests/pkg/lintian-kept; each package holds
# exactly the files expected from the source tree, the definitions as
# conffiles.  As root, on this machine: dpkg -i builds the module through
# DKMS for the kernels Debian's DKMS builds for on a first install (every
# one with headers when the running kernel is not installed, as here;
# else the running and the newest one), `iptables -m layer7 -h` shows
# the extension's help, an edited definition survives reinstalling,
# dpkg --purge leaves no file behind, and the machine is as before.
# Without root, or with the packages (or make install's or make
# dkms-install's files) already on the machine, that part skips and says
# why.
set -uo pipefail
top=$1
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
summary() {
	if [ $skip -gt 0 ]; then echo "$pass passed, $fail failed, $skip skipped"
	else echo "$pass passed, $fail failed"; fi
	[ $fail -eq 0 ]
}
pkgs="xt-layer7-dkms xtables-layer7"
out=$top/build/deb
ver=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
xtlib=$(pkg-config --variable=xtlibdir xtables)
t=$(mktemp -d "${TMPDIR:-/tmp}/check-deb.XXXXXX")
cleanup() { rm -rf "$t"; }
trap cleanup EXIT

# ---- build, lintian --------------------------------------------------------
start=$SECONDS
if make -s -C "$top" deb > "$t/deb.out" 2>&1; then ok
else bad "make deb failed:"; cat "$t/deb.out"; summary; exit; fi
echo "# make deb: $((SECONDS - start)) s"
dkms_deb=$out/xt-layer7-dkms_${ver}_all.deb
user_deb=$(ls "$out"/xtables-layer7_"${ver}"_*.deb)
for f in "$dkms_deb" "$user_deb"; do
	[ -f "$f" ] && ok || bad "no $f"
done

lintian --tag-display-limit 0 -I --pedantic "$out"/*.changes > "$t/lintian" 2>&1
echo "# lintian:"; sed 's/^/#   /' "$t/lintian"
grep '^E: ' "$t/lintian" | sed 's/^/FAIL: lintian: /'
nerr=$(grep -c '^E: ' "$t/lintian")
[ "$nerr" -eq 0 ] && ok || fail=$((fail + nerr))
# A warning is either fixed or listed, with the reason, in lintian-kept.
kept=$(sed -e 's/#.*//' -e '/^ *$/d' "$top/tests/pkg/lintian-kept" 2>/dev/null)
grep '^W: ' "$t/lintian" | while read -r _ pkg tag _; do
	grep -qx "${pkg%:} ${tag}" <<<"$kept" || echo "FAIL: lintian warning not in tests/pkg/lintian-kept: $pkg $tag"
done > "$t/unkept"
cat "$t/unkept"
[ -s "$t/unkept" ] && fail=$((fail + $(wc -l < "$t/unkept"))) || ok

# ---- contents ----------------------------------------------------------------
files() { dpkg-deb -c "$1" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./|/|' | LC_ALL=C sort; }
tracked() { # the source tree's files matching the patterns, tracked by git when it can tell
	(cd "$top" && if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -- "$@"
	else
		ls -d "$@" 2>/dev/null
	fi)
}
{
	src=/usr/src/xt-layer7-$ver
	echo "$src/Kbuild"; echo "$src/dkms.conf"; echo "$src/regexp/engine.mk"
	tracked 'kernel/*.[ch]' 'regexp/*.[ch]' 'core/*.[ch]' | sed "s|^|$src/|"
	echo /usr/share/doc/xt-layer7-dkms/changelog.gz
	echo /usr/share/doc/xt-layer7-dkms/copyright
} | LC_ALL=C sort > "$t/want-dkms"
files "$dkms_deb" > "$t/have-dkms"
diff "$t/want-dkms" "$t/have-dkms" > "$t/diff-dkms" && ok ||
	{ bad "xt-layer7-dkms: files differ (- expected, + packaged):"; sed -n 's/^[<>]/  &/p' "$t/diff-dkms"; }
{
	echo "$xtlib/libxt_layer7.so"
	echo /usr/bin/l7match; echo /usr/bin/l7classify
	[ -f "$top/tools/l7-qos" ] && echo /usr/sbin/l7-qos
	tracked 'tools/*.[1-8]' 'iptables/*.[1-8]' 'kernel/*.[1-8]' 'protocols/*.[1-8]' 'doc/*.[1-8]' |
		while read -r m; do echo "/usr/share/man/man${m##*.}/${m##*/}.gz"; done
	tracked 'protocols/*.pat' protocols/ORDER protocols/README | sed 's|^protocols/|/etc/l7-protocols/|'
	echo /usr/share/doc/xtables-layer7/changelog.gz
	echo /usr/share/doc/xtables-layer7/copyright
} | LC_ALL=C sort > "$t/want-user"
files "$user_deb" > "$t/have-user"
diff "$t/want-user" "$t/have-user" > "$t/diff-user" && ok ||
	{ bad "xtables-layer7: files differ (- expected, + packaged):"; sed -n 's/^[<>]/  &/p' "$t/diff-user"; }
# Every definition is a conffile, nothing else is.
dpkg-deb --ctrl-tarfile "$user_deb" | tar -xOf - ./conffiles 2>/dev/null | LC_ALL=C sort > "$t/conffiles"
grep '^/etc/' "$t/want-user" | diff - "$t/conffiles" > /dev/null && ok ||
	bad "conffiles of xtables-layer7: $(diff <(grep '^/etc/' "$t/want-user") "$t/conffiles" | head -n 4 | tr '\n' ' ')"
# dkms.conf carries the version; the package depends on dkms.
dpkg-deb --fsys-tarfile "$dkms_deb" | tar -xOf - "./usr/src/xt-layer7-$ver/dkms.conf" |
	grep -qx "PACKAGE_VERSION=\"$ver\"" && ok || bad "dkms.conf in the package lacks PACKAGE_VERSION=\"$ver\""
dpkg-deb -f "$dkms_deb" Depends | grep -qw dkms && ok || bad "xt-layer7-dkms does not depend on dkms"
dpkg-deb -f "$user_deb" Depends | grep -qw libxtables12 && ok || bad "xtables-layer7 does not depend on libxtables12"

# ---- on this machine ---------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: installing the packages on this machine needs root"
	skip=$((skip + 1)); summary; exit
fi
installed=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed\|config-files' && installed="$installed $p"
done
# Nor files of theirs that a purge would take along (make install,
# make dkms-install).
for p in /etc/l7-protocols "/usr/src/xt-layer7-$ver" /var/lib/dkms/xt-layer7; do
	[ -e "$p" ] && installed="$installed $p"
done
if [ -n "$installed" ]; then
	echo "SKIP: installing the packages: already on this machine:$installed (dpkg --purge, make uninstall or make dkms-uninstall first; the test does not touch someone's install)"
	skip=$((skip + 1)); summary; exit
fi

# The machine's state before: our paths, DKMS's tree, the module trees.
state() {
	{
		for p in /etc/l7-protocols /usr/src/xt-layer7-$ver /var/lib/dkms \
			 /usr/share/doc/xt-layer7-dkms /usr/share/doc/xtables-layer7; do
			[ -e "$p" ] && find "$p"
		done
		ls "$xtlib" /usr/bin /usr/sbin /usr/share/man/man1 /usr/share/man/man5 /usr/share/man/man8 2>/dev/null
		find /lib/modules -maxdepth 3
		find /lib/modules -name 'xt_layer7.ko*'
		md5sum /lib/modules/*/modules.dep 2>/dev/null
		dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null
	} | LC_ALL=C sort
}
state > "$t/before"
# dkms signs what it builds and would create /var/lib/dkms/mok.key for
# it; a throw-away key from the environment leaves no key behind.
export mok_signing_key=$t/mok.key mok_certificate=$t/mok.pub
purge() { dpkg --purge $pkgs > "$t/purge.out" 2>&1; }
# From here on an interrupted test still purges.
trap 'purge; cleanup' EXIT
trap 'exit 130' INT TERM

start=$SECONDS
if dpkg -i "$dkms_deb" "$user_deb" < /dev/null > "$t/install.out" 2>&1; then ok
else bad "dpkg -i failed:"; sed 's/^/  /' "$t/install.out"; fi
echo "# dpkg -i: $((SECONDS - start)) s"
sed 's/^/#   /' "$t/install.out"

# Debian's DKMS builds on a first install for the running kernel and the
# newest one when the running kernel is installed, for all otherwise.
with_headers=$(for d in /lib/modules/*/build/Makefile; do
	[ -f "$d" ] && basename "$(dirname "$(dirname "$d")")"; done)
if [ -e "/lib/modules/$(uname -r)" ]; then
	want_k=$(printf '%s\n' "$(uname -r)" $(ls -v /lib/modules | tail -n1) | sort -u)
else
	want_k=$with_headers
fi
for k in $want_k; do
	ko=$(find "/lib/modules/$k/updates/dkms" -name 'xt_layer7.ko*' 2>/dev/null | head -n1)
	if [ -z "$ko" ]; then bad "dpkg -i: DKMS built no module for $k"; continue; fi
	vm=$(modinfo -F vermagic "$ko" | cut -d' ' -f1)
	[ "$vm" = "$k" ] && ok || bad "$ko: vermagic $vm, want $k"
	dkms status -m xt-layer7 -v "$ver" -k "$k" | grep -q ': installed' && ok ||
		bad "dkms status for $k: $(dkms status -m xt-layer7 -v "$ver" -k "$k")"
done
echo "# DKMS built for: $(echo $want_k)"

# The extension, from the system's xtables folder.
help=$(env -u XTABLES_LIBDIR iptables -m layer7 -h 2>&1)
grep -q -- '--l7proto' <<<"$help" && grep -qi 'layer7 match options' <<<"$help" && ok ||
	bad "iptables -m layer7 -h: $(tail -n 3 <<<"$help" | tr '\n' ' ')"

# An edited definition survives reinstalling its package.
echo "# a local change" >> /etc/l7-protocols/http.pat
cp /etc/l7-protocols/http.pat "$t/http.pat"
if dpkg -i "$user_deb" < /dev/null > "$t/reinstall.out" 2>&1; then ok
else bad "dpkg -i again failed:"; sed 's/^/  /' "$t/reinstall.out"; fi
cmp -s "$t/http.pat" /etc/l7-protocols/http.pat && ok || bad "reinstall lost the edit of /etc/l7-protocols/http.pat"

# Purge: no file of either package, no module, nothing in DKMS's tree.
if purge; then ok; else bad "dpkg --purge failed:"; sed 's/^/  /' "$t/purge.out"; fi
trap cleanup EXIT
cat "$t/have-dkms" "$t/have-user" | while read -r f; do
	[ -e "$f" ] && echo "FAIL: left after dpkg --purge: $f"
done > "$t/left"
for p in /etc/l7-protocols "/usr/src/xt-layer7-$ver" /var/lib/dkms/xt-layer7; do
	[ -e "$p" ] && echo "FAIL: left after dpkg --purge: $p"
done >> "$t/left"
find /lib/modules -name 'xt_layer7.ko*' | sed 's/^/FAIL: left after dpkg --purge: /' >> "$t/left"
cat "$t/left"
[ -s "$t/left" ] && fail=$((fail + $(wc -l < "$t/left"))) || ok
# DKMS runs depmod, which writes modules.dep and the other indexes also
# for a kernel that has only its headers here (6.1 on this machine), and
# leaves updates/dkms behind: the test removes what it made them create.
state > "$t/after"
comm -13 "$t/before" "$t/after" | grep '^/lib/modules/' | sort -r | while read -r f; do
	case $f in
	/lib/modules/*/modules.*) rm -f "$f";;
	*) [ -d "$f" ] && rmdir "$f" 2>/dev/null;;
	esac
done
state > "$t/after"
if cmp -s "$t/before" "$t/after"; then ok
else bad "the machine changed:"; diff "$t/before" "$t/after" | sed -n 's/^[<>]/  &/p'; fi
summary
