#!/bin/bash
# The debug kernel of the VM test bed: Debian's linux-source-6.1, configured
# by tests/vm/debug.config (KASAN, lockdep, kmemleak, ...), built once per
# machine into the cache.
#
#   mk/debug-kernel.sh CACHE             build it unless cached; print its dir
#   mk/debug-kernel.sh --dir CACHE       print its dir, build nothing
#   mk/debug-kernel.sh --release CACHE   print its kernel release (uname -r)
#
# The dir, CACHE/debug-kernel/SRCVERSION-CONFIGHASH, holds src/ (the built
# tree: out-of-tree modules build against it with M=), root/lib/modules/
# (modules_install), vmlinuz (what qemu boots), release, build.log,
# build-seconds and compiled-files.  The key is the source package's
# version and a hash of the configuration's settings: a new Debian upload
# or an edited setting in debug.config builds a new kernel, from scratch
# (a copy of an older tree would not help: objtool's build records
# absolute paths, and every object depends on objtool); older ones stay
# until removed by hand.
# The source package is fetched with `apt-get download` into CACHE/debs,
# never installed; the tools the build needs come from mk/deps.list (make
# deps).
set -euo pipefail
mode=build
case ${1:-} in
--dir) mode=dir; shift;;
--release) mode=release; shift;;
esac
[ $# -eq 1 ] || { echo "usage: $0 [--dir|--release] CACHE" >&2; exit 2; }
cache=$1
top=$(cd "$(dirname "$0")/.." && pwd)
fragment=$top/tests/vm/debug.config
pkg=linux-source-6.1

say() { echo "debug-kernel: $*" >&2; }

# The version apt would fetch; without package lists (offline, fresh
# container) the newest source package already in the cache.
ver=$(apt-cache show --no-all-versions "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | head -n1)
if [ -z "$ver" ]; then
	deb=$(ls "$cache/debs/${pkg}_"*_all.deb 2>/dev/null | sort -V | tail -n1 || true)
	[ -n "$deb" ] || { say "$pkg: no version known to apt and none in $cache/debs"; exit 1; }
	ver=${deb##*/${pkg}_}
	ver=${ver%_all.deb}
fi
# The settings only: a comment edited in debug.config rebuilds nothing.
hash=$(grep -E '^(CONFIG_|# CONFIG_.* is not set)' "$fragment" | sha256sum | cut -c1-12)
dir=$cache/debug-kernel/$ver-$hash
localversion=$(sed -n 's/^CONFIG_LOCALVERSION="\(.*\)"$/\1/p' "$fragment")
release=${ver%%-*}$localversion

case $mode in
dir) echo "$dir"; exit 0;;
release) echo "$release"; exit 0;;
esac
if [ -f "$dir/done" ]; then
	echo "$dir"
	exit 0
fi

mkdir -p "$cache/debug-kernel" "$cache/debs" ||
	{ say "cannot create $cache (set L7_CACHE to a writable directory)"; exit 1; }
# One build per key on this machine: another clone may be building it.
exec 8>"$dir.lock"
if ! flock -n 8; then
	say "another build of $dir is running; waiting for it"
	flock 8
fi
if [ -f "$dir/done" ]; then
	echo "$dir"
	exit 0
fi

missing=
for t in bc bison flex gcc make perl; do
	command -v $t > /dev/null || missing="$missing $t"
done
[ -f /usr/include/gelf.h ] || missing="$missing libelf-dev"
[ -z "$missing" ] || { say "missing:$missing (make deps installs them)"; exit 1; }

deb=$cache/debs/${pkg}_${ver}_all.deb
if [ ! -f "$deb" ]; then
	say "downloading $pkg $ver into $cache/debs"
	# apt-get download writes into the current directory.
	if ! (cd "$cache/debs" && apt-get download -q "$pkg=$ver" >&2); then
		apt-get update -q >&2 || true
		(cd "$cache/debs" && apt-get download -q "$pkg=$ver" >&2)
	fi
fi

start=$SECONDS
rm -rf "$dir"
mkdir -p "$dir"
mkdir -p "$dir/src"
say "unpacking $pkg $ver into $dir/src"
dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
	tar -xJ -C "$dir/src" --strip-components=1
cp "$fragment" "$dir/debug.config"

cd "$dir/src"
# LOCALVERSION set (empty) keeps a "+" off the release when the cache
# lies inside a git checkout.
kmake() { nice -n 10 make LOCALVERSION= "$@"; }

say "configuring: allnoconfig + tests/vm/debug.config"
kmake -s allnoconfig KCONFIG_ALLCONFIG="$dir/debug.config" > "$dir/build.log" 2>&1 ||
	{ tail -n 20 "$dir/build.log" >&2; exit 1; }
# Every line of the fragment must survive: Kconfig drops an option whose
# dependencies are unmet, or a misspelt one, without an error.
bad=0
while IFS= read -r line; do
	case $line in
	"# CONFIG_"*" is not set")
		opt=${line#\# }; opt=${opt%% *}
		if grep -q "^$opt=" .config; then
			say "debug.config: $opt is off there but on here: $(grep "^$opt=" .config)"
			bad=1
		fi;;
	CONFIG_*=*)
		if ! grep -qxF -- "$line" .config; then
			say "debug.config: $line did not take: $(grep -E "^(# )?${line%%=*}[= ]" .config || echo absent)"
			bad=1
		fi;;
	esac
done < "$dir/debug.config"
[ $bad -eq 0 ] || { say "fix tests/vm/debug.config (dependencies: make menuconfig in $dir/src)"; exit 1; }

say "building $release with $(nproc) jobs at nice 10 (log: $dir/build.log)"
if ! kmake -j"$(nproc)" bzImage modules >> "$dir/build.log" 2>&1; then
	grep -E 'error|Error' "$dir/build.log" | head -n 20 >&2
	say "build failed; see $dir/build.log"
	exit 1
fi
got=$(kmake -s kernelrelease)
[ "$got" = "$release" ] || { say "kernel release is $got, expected $release"; exit 1; }
kmake -s modules_install INSTALL_MOD_PATH="$dir/root" DEPMOD=/sbin/depmod >> "$dir/build.log" 2>&1
# The build and source links point into this tree; the guest needs neither.
rm -f "$dir/root/lib/modules/$release/build" "$dir/root/lib/modules/$release/source"
# No vmlinux next to it: booted through its PVH entry (tests/vm/run does
# so when there is one) a KASAN kernel resets before its first message.
cp arch/x86/boot/bzImage "$dir/vmlinuz"
echo "$release" > "$dir/release"
took=$((SECONDS - start))
echo "$took" > "$dir/build-seconds"
# What the build cost, for the README's figures: C files compiled.
ncc=$(grep -c '^  CC ' "$dir/build.log" || true)
echo "$ncc" > "$dir/compiled-files"
touch "$dir/done"
say "built $release in $((took / 60)) min $((took % 60)) s, $ncc files compiled: $dir"
echo "$dir"
