#!/bin/sh
# check_install.sh -- the README's install step, into a scratch folder:
# `meson install` must lay out the binary, the default rules, the manual
# page (which man renders, naming every command) and the bash completion,
# and the installed binary must build the example corpus with the
# installed rules.
#
# Usage: check_install.sh BUILD_DIR EXAMPLES_DIR
# Exit 77 (skipped) when meson or man is not on the PATH.
set -eu
build=$1 examples=$2
command -v meson >/dev/null 2>&1 || { echo "no meson: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/root" \
  > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
prefix=$(meson introspect "$build" --buildoptions |
  sed 's/.*"name": "prefix", "value": "\([^"]*\)".*/\1/')
root="$tmp/root$prefix"
for f in bin/actnet share/man/man1/actnet.1 \
         share/bash-completion/completions/actnet \
         share/actnet/rules; do
  [ -e "$root/$f" ] || { echo "FAIL: not installed: $prefix/$f"; fail=1; }
done
if command -v man >/dev/null 2>&1 && [ -e "$root/share/man/man1/actnet.1" ]; then
  MANWIDTH=80 man -l "$root/share/man/man1/actnet.1" > "$tmp/man.txt" 2>"$tmp/man.err" ||
    { echo "FAIL: man cannot render actnet.1"; cat "$tmp/man.err"; fail=1; }
  for c in BUILD RANK ENTITIES EVENTS CHECK-RULES EXTRACT MERGE; do
    grep -q "^ACTNET $c" "$tmp/man.txt" || { echo "FAIL: man page has no $c"; fail=1; }
  done
  grep -q -- "--network KIND" "$tmp/man.txt" ||
    { echo "FAIL: man page lacks build's options"; fail=1; }
fi
if [ -x "$root/bin/actnet" ]; then
  ACTNET_RULES_DIR="$root/share/actnet/rules" \
    "$root/bin/actnet" build "$examples" --quiet -o "$tmp/net.json" ||
    { echo "FAIL: the installed actnet cannot build the examples"; fail=1; }
  grep -q '"nodes"' "$tmp/net.json" 2>/dev/null ||
    { echo "FAIL: the installed actnet wrote no network"; fail=1; }
fi
[ "$fail" = 0 ] && echo "install OK"
exit "$fail"
