#!/bin/sh
# check_dot.sh -- the DOT that `actnet build` writes renders with Graphviz's
# dot and sfdp without a single warning: the example network, the same at
# --top 10, the example's acts-on network (plain and collapsed), and the
# writer's golden DOT files (quotes, backslashes, <&>, non-ASCII labels;
# directed graphs with edge labels and polarities).
#
# Usage: check_dot.sh ACTNET_BINARY EXAMPLES_DIR GOLDEN_DIR
# Exit 77 (skipped) when Graphviz is not installed.
set -u
bin=$1
examples=$2
golden_dir=$3

for layout in dot sfdp; do
    if ! command -v "$layout" >/dev/null 2>&1; then
        echo "$layout is not installed: skipped"
        exit 77
    fi
done

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# With ACTNET_VALGRIND=1 (meson test --setup valgrind) actnet runs under
# valgrind, and an error or a leak fails the test.
run=""
if [ -n "${ACTNET_VALGRIND:-}" ] && [ "$ACTNET_VALGRIND" != 0 ]; then
    run="valgrind -q --error-exitcode=97 --leak-check=full --vgdb=no \
--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect"
fi
$run "$bin" build "$examples" --quiet --evidence -o "$tmp/net.dot" || exit 1
$run "$bin" build "$examples" --quiet --top 10 -o "$tmp/top.dot" || exit 1
$run "$bin" build "$examples" --quiet --network acts-on -o "$tmp/acts.dot" \
    || exit 1
$run "$bin" build "$examples" --quiet --network acts-on --collapse \
    -o "$tmp/collapsed.dot" || exit 1

status=0
for file in "$tmp/net.dot" "$tmp/top.dot" "$tmp/acts.dot" \
    "$tmp/collapsed.dot" "$golden_dir"/*.dot; do
    for layout in dot sfdp; do
        if ! "$layout" -Tsvg "$file" -o "$tmp/out.svg" 2>"$tmp/stderr"; then
            echo "FAIL: $layout -Tsvg $file exited with an error:"
            cat "$tmp/stderr"
            status=1
        elif [ -s "$tmp/stderr" ]; then
            echo "FAIL: $layout -Tsvg $file printed:"
            cat "$tmp/stderr"
            status=1
        elif ! grep -q '<svg' "$tmp/out.svg"; then
            echo "FAIL: $layout -Tsvg $file wrote no SVG"
            status=1
        fi
    done
done
[ $status -eq 0 ] && echo "dot and sfdp render every DOT file without warnings"
exit $status
