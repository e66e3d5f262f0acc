#!/usr/bin/env bash
# Installs what building, running and testing Hookdesk need on Debian 12, skipping what is already there.
# Run as root (or with sudo available). Safe to run again.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qt6-qpa-plugins libqt6svg6 qtkeychain-qt6-dev libssl-dev libgl-dev libbenchmark-dev
    dbus dbus-x11 gnome-keyring
    xvfb xauth imagemagick
    desktop-file-utils appstream rpm file dpkg-dev
    clang-format clang-tidy
    python3 python3-pip python3-venv
)

missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "All Debian packages already installed."
fi
