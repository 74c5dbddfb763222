#!/bin/sh
# make install / make uninstall (mk/install.mk holds the list).
#
#   mk/install.sh install MANIFEST ENTRY...   ENTRY: SRC:DEST:MODE[:conf]
#   mk/install.sh uninstall MANIFEST
#
# Paths are final paths; DESTDIR (environment) is put in front of every
# one.  install records each file it put in place, with its checksum,
# and each directory it created, in MANIFEST (none when MANIFEST is
# empty: a package build stages into a fresh DESTDIR and dpkg keeps its
# own list); uninstall removes exactly those: a file changed since it
# was installed stays and is named, a directory goes once empty.
#
# A :conf entry (the definitions in /etc/l7-protocols) never overwrites
# a file the administrator changed: the new one is put next to it as
# NAME.new and named.  "Changed" means it differs both from the new
# file and from what the previous install recorded.
#
# Modules (DEST under /lib/modules/KVER/) get depmod -a KVER when
# DESTDIR is empty.
set -eu
cmd=${1:?usage: install.sh install|uninstall MANIFEST [ENTRY...]}
manifest=${2?usage: install.sh install|uninstall MANIFEST [ENTRY...]}
shift 2
D=${DESTDIR:-}
say() { echo "$cmd: $*"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/old"
[ -n "$manifest" ] && [ -f "$D$manifest" ] && cp "$D$manifest" "$tmp/old"
: > "$tmp/new"
: > "$tmp/kvers"

sum() { md5sum < "$1" | cut -d' ' -f1; }
recorded() { awk -v p="$1" '$3 == p { print $2; exit }' "$tmp/old"; }
record() { echo "$1 $2 $3" >> "$tmp/new"; }
kver_of() {
	case $1 in /lib/modules/*/*) k=${1#/lib/modules/}; echo "${k%%/*}" >> "$tmp/kvers";; esac
}

# mkdirs DIR: create DIR and its missing parents, recording each.
mkdirs() {
	[ -d "$D$1" ] && return 0
	case $1 in /|.) mkdir -p "$D/"; return 0;; esac
	mkdirs "$(dirname "$1")"
	mkdir "$D$1"
	record d - "$1"
}

do_install() {
	for e in "$@"; do
		src=${e%%:*}; rest=${e#*:}
		dest=${rest%%:*}; rest=${rest#*:}
		mode=${rest%%:*}
		kind=f
		case $rest in *:conf) kind=c;; esac
		[ -f "$src" ] || { say "missing $src (run make first)" >&2; exit 1; }
		mkdirs "$(dirname "$dest")"
		new=$(sum "$src")
		if [ "$kind" = c ] && [ -f "$D$dest" ]; then
			cur=$(sum "$D$dest")
			if [ "$cur" != "$new" ] && [ "$cur" != "$(recorded "$dest")" ]; then
				install -m "$mode" "$src" "$D$dest.new"
				say "kept your changed $dest; the new one is $dest.new"
				record f "$new" "$dest.new"
				continue
			fi
		fi
		install -m "$mode" "$src" "$D$dest"
		record "$kind" "$new" "$dest"
		kver_of "$dest"
	done
	# What an earlier install put there and this one did not (a kept
	# configuration file, a definition gone since) stays recorded for
	# uninstall.
	awk 'NR == FNR { seen[$3] = 1; next } !($3 in seen)' "$tmp/new" "$tmp/old" >> "$tmp/new"
	if [ -n "$manifest" ]; then
		mkdirs "$(dirname "$manifest")"
		cp "$tmp/new" "$D$manifest"
	fi
}

do_uninstall() {
	[ -n "$manifest" ] || { say "no manifest given" >&2; exit 1; }
	[ -f "$D$manifest" ] || { say "nothing to do: no $D$manifest (not installed with this PREFIX?)"; exit 0; }
	# Files first, then directories deepest first.
	while read -r kind md5 path; do
		[ "$kind" = d ] && continue
		[ -e "$D$path" ] || continue
		if [ "$(sum "$D$path")" != "$md5" ]; then
			say "kept $path: changed since it was installed"
			continue
		fi
		rm -f "$D$path"
		kver_of "$path"
	done < "$tmp/old"
	rm -f "$D$manifest"
	awk '$1 == "d" { print $3 }' "$tmp/old" | sort -r | while read -r dir; do
		rmdir "$D$dir" 2>/dev/null || true
	done
}

case $cmd in
install) do_install "$@";;
uninstall) do_uninstall;;
*) echo "usage: install.sh install|uninstall MANIFEST [ENTRY...]" >&2; exit 2;;
esac

if [ -z "$D" ]; then
	for k in $(sort -u "$tmp/kvers"); do
		depmod -a "$k"
	done
fi
