#!/usr/bin/env bash
# Install the Debian packages the kiosk needs (Qt's X libraries, Xvfb, fonts, zbar,
# poppler, CUPS with a virtual PDF printer, espeak-ng and sox, Chromium and its driver,
# and for the installer's tests shellcheck, cage, xinit and unattended-upgrades)
# when any is missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -euo pipefail

packages=(
  # Qt 6 from the PyPI wheels, even offscreen
  libgl1 libegl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0 libx11-6
  # a real window (xcb) and the virtual screen
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
  # sound, Qt's CUPS plugin, fonts
  libpulse0 libcups2 fonts-dejavu-core
  # slips: rasterise and decode in tests, print through CUPS
  poppler-utils zbar-tools cups cups-client cups-bsd printer-driver-cups-pdf
  # the display board's spoken calls, the kiosk's speaker button, a null sink to test them
  espeak-ng sox pulseaudio
  # the central service's public pages, tested in a real browser
  chromium chromium-driver
  # the installer's tests: shell scripts linted, units verified against the programs
  # they start, the unattended-upgrades settings read by apt over the package's own
  shellcheck cage xinit unattended-upgrades
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
