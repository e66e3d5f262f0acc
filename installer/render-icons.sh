#!/usr/bin/env bash
# Re-renders the committed raster icons from resources/icons/hookdesk.svg. Run it by hand after changing the SVG
# and commit the results: builds never render, so they need neither librsvg nor ImageMagick.
# Needs: rsvg-convert (librsvg2-bin) and ImageMagick's convert (for the Windows .ico).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
svg="$root/resources/icons/hookdesk.svg"
for size in 16 22 24 32 48 64 128 256 512; do
    dir="$root/resources/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$dir/io.github.hookdesk.Hookdesk.png"
done
# One .ico with the sizes Windows asks for (Explorer, taskbar, Start menu, high-DPI).
png() { echo "$root/resources/icons/hicolor/$1x$1/apps/io.github.hookdesk.Hookdesk.png"; }
convert "$(png 16)" "$(png 24)" "$(png 32)" "$(png 48)" "$(png 64)" "$(png 256)" "$root/installer/windows/hookdesk.ico"
