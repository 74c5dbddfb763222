#!/bin/sh
# make deb: xt-layer7-dkms and xtables-layer7, built with debhelper and
# dh-dkms (debian/) from a copy of the sources, so that the package build
# neither cleans nor dirties the working tree.
#
#   mk/deb.sh TOP OUTDIR
#
# The copy holds what git knows of (tracked files and new ones it does
# not ignore, uncommitted changes included), or the whole tree without
# build/ and cache/ outside a git checkout.  Packages, .changes and
# .buildinfo end up in OUTDIR; the build's output in OUTDIR/build.log.
set -eu
top=$1 out=$2
ver=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
src=$out/src/xt-layer7-$ver
rm -rf "$out"
mkdir -p "$src"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git -C "$top" ls-files -co --exclude-standard -z |
		(cd "$top" && xargs -0 sh -c 'for f; do [ -f "$f" ] && [ ! -L "$f" ] && printf "%s\0" "$f"; done' sh) |
		(cd "$top" && xargs -0 cp --parents -p -t "$src")
else
	(cd "$top" && tar -cf - --exclude=./build --exclude=./cache --exclude='*.o' --exclude='*.ko' --exclude='*.so' .) |
		(cd "$src" && tar -xf -)
fi
echo "deb: building xt-layer7 $ver in $src (log: $out/build.log)"
if ! (cd "$src" && dpkg-buildpackage -b -us -uc) > "$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	echo "deb: dpkg-buildpackage failed (whole log: $out/build.log)" >&2
	exit 1
fi
mv "$out/src"/*.deb "$out/src"/*.changes "$out/src"/*.buildinfo "$out/"
rm -rf "$out/src"
ls "$out"/*.deb
