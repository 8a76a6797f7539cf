#!/bin/sh
# check_api_install.sh -- libactnet as a user gets it: `meson install`
# into a scratch folder must give the shared library (with its soname),
# the headers and actnet.pc; the installed headers must compile alone as
# strict C99 and as C++; and examples/api/top_actors.c, compiled with
# nothing but `pkg-config --cflags --libs actnet`, must run on the
# example corpus with the rules pkg-config names.
#
# Usage: check_api_install.sh BUILD_DIR SOURCE_DIR
# Exit 77 (skipped) when meson, pkg-config or cc is not on the PATH.
set -eu
build=$1 src=$2
for p in meson pkg-config cc; do
  command -v "$p" >/dev/null 2>&1 || { echo "no $p: skipped"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/root" \
  > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
pc=$(find "$tmp/root" -name actnet.pc | head -1)
[ -n "$pc" ] || { echo "FAIL: actnet.pc not installed"; exit 1; }
prefix=$(pkg-config --variable=prefix "$pc")
pkg() { pkg-config --define-variable=prefix="$tmp/root$prefix" "$@" "$pc"; }
libdir=$(pkg --variable=libdir)
so=$(find "$libdir" -name 'libactnet.so.*.*' | head -1)
[ -n "$so" ] || { echo "FAIL: no libactnet.so.X.Y in $libdir"; exit 1; }
soname=$(objdump -p "$so" | awk '/SONAME/ {print $2}')
[ "$soname" = libactnet.so.0 ] ||
  { echo "FAIL: soname is '$soname', not libactnet.so.0"; fail=1; }
[ -e "$libdir/libactnet.so" ] ||
  { echo "FAIL: no libactnet.so development link"; fail=1; }

# The installed headers, alone: C99 with every warning as an error, and
# C++ (a C++ client includes actnet.h as it is).
printf '#include <actnet.h>\nint main(void) { return ACTNET_VERSION_NUMBER < 1; }\n' \
  > "$tmp/h.c"
# shellcheck disable=SC2046  # pkg-config prints several words
cc -std=c99 -pedantic-errors -Wall -Wextra -Werror -Wstrict-prototypes \
  $(pkg --cflags) -c "$tmp/h.c" -o "$tmp/h.o" ||
  { echo "FAIL: actnet.h is not strict C99"; fail=1; }
if command -v c++ >/dev/null 2>&1; then
  cp "$tmp/h.c" "$tmp/h.cc"
  # shellcheck disable=SC2046
  c++ -std=c++11 -pedantic-errors -Wall -Wextra -Werror \
    $(pkg --cflags) -c "$tmp/h.cc" -o "$tmp/hpp.o" ||
    { echo "FAIL: actnet.h does not compile as C++"; fail=1; }
fi

# The example, with only what pkg-config gives.
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror "$src/examples/api/top_actors.c" \
  $(pkg --cflags --libs) -o "$tmp/top_actors" ||
  { echo "FAIL: examples/api/top_actors.c does not build"; exit 1; }
rules=$(pkg --variable=rulesdir)
LD_LIBRARY_PATH="$libdir" "$tmp/top_actors" "$rules" "$src/examples" \
  > "$tmp/top.txt" 2> "$tmp/top.err" ||
  { echo "FAIL: top_actors failed"; cat "$tmp/top.err"; fail=1; }
# it must have linked the installed library, not another one
LD_LIBRARY_PATH="$libdir" ldd "$tmp/top_actors" | grep -q "$libdir/libactnet.so.0" ||
  { echo "FAIL: top_actors does not use the installed libactnet"; fail=1; }
rows=$(($(wc -l < "$tmp/top.txt") - 1))
[ "$rows" -ge 5 ] ||
  { echo "FAIL: top_actors ranked $rows actors"; cat "$tmp/top.txt"; fail=1; }
grep -q "Lukashenko" "$tmp/top.txt" ||
  { echo "FAIL: the example corpus's main actor is not ranked"; fail=1; }
[ "$fail" = 0 ] && { cat "$tmp/top.txt"; echo "api install OK"; }
exit "$fail"
