#!/usr/bin/env bash
# Installer test (CTest "installer_linux_packages", label "installer"), registered by installer/CMakeLists.txt.
#
# What a user relies on: the DEB and RPM build from the build tree; the desktop entry and AppStream metainfo that
# land on disk are valid; `apt-get install ./hookdesk_*.deb` pulls in what it needs and gives three working
# commands in /usr/bin; the GUI starts (demo mode, offscreen) and quits cleanly on SIGTERM, as it does at logout
# or under a service manager; and purging the package leaves none of its files behind.
#
# Needs root and apt (it really installs the package), and fails, never skips, when either is missing. Packages
# are built in a scratch folder, so the build tree gets no _CPack_Packages or package files. If the run fails
# after installing, the package is purged again on exit.
set -euo pipefail

usage() {
    echo "usage: $0 --build-dir DIR --version X.Y.Z --app-id ID [--require FILE]..." >&2
    exit 2
}

build_dir="" version="" app_id="" required=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) build_dir=${2:?}; shift 2 ;;
        --version) version=${2:?}; shift 2 ;;
        --app-id) app_id=${2:?}; shift 2 ;;
        --require) required+=("${2:?}"); shift 2 ;;
        *) usage ;;
    esac
done
if [ -z "$build_dir" ] || [ -z "$version" ] || [ -z "$app_id" ]; then usage; fi

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $* ($(date +%T))"; }
apt_quiet() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@"; }

# --- Preconditions: every one fails with the fix in the message -----------------------------------------------
[ "$(id -u)" -eq 0 ] || fail "this test installs the DEB with apt-get and must run as root (CI runs the suite as root)."
for tool in cpack dpkg dpkg-deb dpkg-query dpkg-shlibdeps apt-get rpmbuild rpm desktop-file-validate appstreamcli \
    readelf file flock gzip; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed. On Debian run: bash scripts/install-deps.sh"
done
for file in "${required[@]}"; do
    [ -x "$file" ] || fail "$file is missing: build first (cmake --build --preset ci), then run ctest."
done
config="$build_dir/CPackConfig.cmake"
[ -f "$config" ] || fail "$config is missing: configure the build (cmake --preset ci) first."

# One installer test at a time on this machine: two build trees would fight over /usr/bin/hookdesk.
lock=/run/lock/hookdesk-installer-test.lock
exec 9>"$lock"
flock -w 600 9 || fail "another installer test has held $lock for 10 minutes."

scratch=$(mktemp -d /tmp/hookdesk-installer-test.XXXXXX)
chmod 755 "$scratch" # apt's unprivileged _apt user reads the .deb from here
installed_by_us=0
cleanup() {
    local rc=$?
    if [ "$installed_by_us" -eq 1 ] && dpkg-query -W -f='${Status}' hookdesk 2>/dev/null | grep -q "ok installed"; then
        echo "Cleaning up: purging the hookdesk package this failed run installed."
        apt_quiet purge -y -q hookdesk >/dev/null 2>&1 || echo "WARNING: could not purge hookdesk" >&2
    fi
    rm -rf "$scratch"
    exit $rc
}
trap cleanup EXIT

# --- Build the packages --------------------------------------------------------------------------------------
# CPack's install step always writes install_manifest.txt into the build tree; take it away again if it was not
# there before, so running the test leaves the build tree as it found it.
manifest="$build_dir/install_manifest.txt"
manifest_existed=0
[ ! -e "$manifest" ] || manifest_existed=1
for generator in DEB RPM; do
    step "cpack -G $generator"
    start=$SECONDS
    (cd "$scratch" && cpack --config "$config" -G "$generator" -B "$scratch/out") >"$scratch/cpack-$generator.log" 2>&1 \
        || { cat "$scratch/cpack-$generator.log"; fail "cpack -G $generator failed."; }
    echo "built in $((SECONDS - start)) s"
done
[ "$manifest_existed" -eq 1 ] || rm -f "$manifest"
shopt -s nullglob
debs=("$scratch"/out/hookdesk_"$version"_*.deb)
rpms=("$scratch"/out/hookdesk-"$version"-*.rpm)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fail "expected one hookdesk_${version}_<arch>.deb, found: $(ls "$scratch/out")"
[ ${#rpms[@]} -eq 1 ] || fail "expected one hookdesk-${version}-<release>.<arch>.rpm, found: $(ls "$scratch/out")"
deb=${debs[0]} rpm=${rpms[0]}
ls -l "$deb" "$rpm"

step "package metadata"
dpkg-deb --field "$deb" Package Version Architecture Depends Recommends Installed-Size
[ "$(dpkg-deb --field "$deb" Package)" = hookdesk ] || fail "DEB package name is not hookdesk"
[ "$(dpkg-deb --field "$deb" Version)" = "$version" ] || fail "DEB version is not $version"
depends=$(dpkg-deb --field "$deb" Depends)
# dpkg-shlibdeps must have run: the Qt and libc dependencies come from it, not from a hand-written list.
for lib in libc6 libqt6core6 libqt6network6 libqt6widgets6; do
    grep -q "$lib" <<<"$depends" || fail "DEB Depends lacks $lib (is CPACK_DEBIAN_PACKAGE_SHLIBDEPS working?): $depends"
done
[ "$(rpm -qp --queryformat '%{NAME} %{VERSION}' "$rpm" 2>/dev/null)" = "hookdesk $version" ] \
    || fail "RPM name/version is not 'hookdesk $version'"
# Both formats ship the same files.
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -e 's|^\./|/|' -e '/\/$/d' | sort >"$scratch/deb-files"
rpm -qp --list "$rpm" 2>/dev/null | sort >"$scratch/rpm-all"
grep -Fxf "$scratch/deb-files" "$scratch/rpm-all" >"$scratch/rpm-files" || true
diff -u "$scratch/deb-files" "$scratch/rpm-files" || fail "the RPM does not contain every file of the DEB"
echo "$(wc -l <"$scratch/deb-files") files in both packages"

# --- Install -------------------------------------------------------------------------------------------------
step "apt-get install $deb"
if dpkg-query -W -f='${Status}' hookdesk 2>/dev/null | grep -q "ok installed"; then
    echo "NOTE: a hookdesk package is already installed (left by an earlier run?); purging it first."
    apt_quiet purge -y -q hookdesk || fail "could not purge the hookdesk package that was already installed."
fi
for cmd in hookdesk hookdesk-cli hookdesk-sim; do
    [ ! -e "/usr/bin/$cmd" ] || fail "/usr/bin/$cmd exists but belongs to no hookdesk package; remove it first."
done
installed_by_us=1
apt_quiet install -y -q --no-install-recommends "$deb" >"$scratch/apt-install.log" 2>&1 || {
    cat "$scratch/apt-install.log"
    fail "apt-get install of the DEB failed. If the log says 'Could not get lock', another apt/dpkg is running and" \
        "held the lock for over 5 minutes; if a dependency is missing, run apt-get update."
}
tail -n 3 "$scratch/apt-install.log"
dpkg-query -W -f='${Status} ${Version}\n' hookdesk | grep -q "install ok installed $version" \
    || fail "dpkg does not report hookdesk $version as installed."
dpkg -L hookdesk | grep -v '^/\.$' >"$scratch/installed"
while read -r path; do
    if [ -d "$path" ] && [ ! -L "$path" ]; then echo "d $path"; else echo "f $path"; fi
done <"$scratch/installed" >"$scratch/installed-typed"

step "installed files"
desktop=/usr/share/applications/$app_id.desktop
metainfo=/usr/share/metainfo/$app_id.metainfo.xml
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $desktop"
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate --no-net rejects $metainfo"
grep -q "<release version=\"$version\"" "$metainfo" || fail "$metainfo has no release entry for $version"
grep -q "<screenshot" "$metainfo" || fail "$metainfo has no screenshot"
[ -f "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" ] || fail "scalable icon missing"
for size in 16 22 24 32 48 64 128 256 512; do
    png=/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
    file "$png" | grep -q "PNG image data, $size x $size," || fail "$png is not a ${size}x${size} PNG"
done
for page in hookdesk hookdesk-cli hookdesk-sim; do
    man=/usr/share/man/man1/$page.1.gz
    gzip -t "$man" || fail "$man missing or not valid gzip"
    zcat "$man" | grep -qi "^\.TH $page 1" || fail "$man has no '.TH ${page^^} 1' header"
done
grep -q "MIT License" /usr/share/doc/hookdesk/copyright || fail "license missing from /usr/share/doc/hookdesk"
zcat /usr/share/doc/hookdesk/changelog.gz | grep -q "## \[$version\]" || fail "changelog lacks $version"
for cmd in hookdesk hookdesk-cli hookdesk-sim; do
    ! readelf -d "/usr/bin/$cmd" | grep -qE 'RPATH|RUNPATH' || fail "/usr/bin/$cmd has an RPATH/RUNPATH; packaged binaries use the system library path only"
done

step "--version from /usr/bin"
# A private home, so the GUI writes no settings or audit log into the real one.
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" XDG_DATA_HOME="$scratch/home/.local/share" \
    XDG_CACHE_HOME="$scratch/home/.cache" XDG_RUNTIME_DIR="$scratch/runtime" QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
for cmd in hookdesk hookdesk-cli hookdesk-sim; do
    out=$(cd / && "/usr/bin/$cmd" --version 2>&1) || fail "/usr/bin/$cmd --version failed: $out"
    echo "$cmd: $out"
    grep -qF "$version" <<<"$out" || fail "/usr/bin/$cmd --version does not print $version: $out"
done

step "hookdesk --demo, offscreen, then SIGTERM"
(cd / && exec /usr/bin/hookdesk --demo) >"$scratch/demo.log" 2>&1 &
pid=$!
# Up for 3 s means it got past start-up into the event loop (a start-up failure exits at once).
for _ in 1 2 3 4 5 6; do
    sleep 0.5
    if ! kill -0 "$pid" 2>/dev/null; then
        rc=0; wait "$pid" || rc=$?
        cat "$scratch/demo.log"
        fail "hookdesk --demo exited by itself with status $rc before it was asked to quit."
    fi
done
kill -TERM "$pid"
for _ in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    cat "$scratch/demo.log"
    fail "hookdesk --demo was still running 10 s after SIGTERM."
fi
rc=0; wait "$pid" || rc=$?
cat "$scratch/demo.log"
if [ "$rc" -eq 143 ]; then
    fail "hookdesk --demo died of SIGTERM (status 143) instead of handling it: the GUI must catch SIGTERM and quit" \
        "through its event loop (app/main-gui.cpp)."
fi
[ "$rc" -eq 0 ] || fail "hookdesk --demo exited with status $rc after SIGTERM; expected 0."
echo "quit cleanly (status 0)"

# --- Remove --------------------------------------------------------------------------------------------------
step "apt-get purge hookdesk"
apt_quiet purge -y -q hookdesk >"$scratch/apt-purge.log" 2>&1 || {
    cat "$scratch/apt-purge.log"
    fail "apt-get purge hookdesk failed (see above; 'Could not get lock' means another apt/dpkg is running)."
}
installed_by_us=0
! dpkg-query -W -f='${Status}' hookdesk 2>/dev/null | grep -q "ok installed" || fail "hookdesk still installed"
leftovers=0
while read -r kind path; do
    [ -e "$path" ] || [ -L "$path" ] || continue
    if [ "$kind" = f ]; then
        echo "left behind: $path" >&2
        leftovers=$((leftovers + 1))
    elif [ -z "$(ls -A "$path")" ] && ! dpkg-query -S "$path" >/dev/null 2>&1; then
        # A directory may stay only while another package owns it or it holds other packages' files.
        echo "left behind (empty directory no other package owns): $path" >&2
        leftovers=$((leftovers + 1))
    fi
done <"$scratch/installed-typed"
[ "$leftovers" -eq 0 ] || fail "$leftovers path(s) of the package remain after purge."
[ ! -e /usr/share/doc/hookdesk ] || fail "/usr/share/doc/hookdesk remains after purge."
echo "checked $(wc -l <"$scratch/installed-typed") paths: none left"

echo
echo "PASS: DEB and RPM built, validated, installed, run, and purged without leftovers."
