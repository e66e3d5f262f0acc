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

# macOS .icns: PNG payloads under the icon types macOS 10.7+ reads (16 to 512 pt, 1x and 2x). Written here
# because iconutil exists only on macOS and ImageMagick cannot write ICNS.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rsvg-convert -w 1024 -h 1024 "$svg" -o "$tmp/1024.png"
python3 - "$root" "$tmp/1024.png" <<'PY'
import struct, sys
root, png1024 = sys.argv[1], sys.argv[2]
def png(size):
    if size == 1024:
        return open(png1024, "rb").read()
    return open(f"{root}/resources/icons/hicolor/{size}x{size}/apps/io.github.hookdesk.Hookdesk.png", "rb").read()
types = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024),
         ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512)]
body = b"".join(t.encode() + struct.pack(">I", 8 + len(png(s))) + png(s) for t, s in types)
with open(f"{root}/installer/macos/hookdesk.icns", "wb") as f:
    f.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
