#!/usr/bin/env bash
# Debian packages the test suite needs on a fresh machine.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
    fonts-wqy-microhei \
    libpulse0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 \
    xvfb xdotool openbox \
    cups cups-client printer-driver-cups-pdf \
    postgresql \
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
    libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 \
    > /tmp/outlet-desk-apt.log
