#!/usr/bin/env bash
# Renders an evaluation report in headless Chromium and saves a full-page screenshot, to check that every plot draws.
# usage: scripts/screenshot-report.sh DIR/report.html OUT.png [WIDTH] [HEIGHT]
# Needs chromium (Debian: apt-get install chromium). Prints how many SVG figures the page holds.
set -euo pipefail
report=$(realpath "$1")
out=$2
width=${3:-1400}
height=${4:-9000}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "screenshot-report: chromium not found (apt-get install chromium)" >&2; exit 2; }
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,$height" \
    --screenshot="$(realpath -m "$out")" "file://$report" >/dev/null 2>&1
# the DOM after rendering: every <svg> must be there, and no figure may be empty
dom=$("$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$report" 2>/dev/null)
svgs=$( (grep -o '<svg' <<<"$dom" || true) | wc -l)
empty=$( (grep -o '<figure></figure>' <<<"$dom" || true) | wc -l)
echo "screenshot-report: $out written; $svgs SVG figures rendered, $empty empty figures"
[ "$empty" -eq 0 ]
