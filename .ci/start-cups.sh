#!/usr/bin/env bash
# Start CUPS and add a cups-pdf queue "OutletPDF" for the printing tests (Debian, as root).
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
pgrep -x cupsd >/dev/null || $SUDO /usr/sbin/cupsd
for _ in $(seq 1 50); do lpstat -r >/dev/null 2>&1 && break; sleep 0.2; done
if ! lpstat -v OutletPDF >/dev/null 2>&1; then
    $SUDO lpadmin -p OutletPDF -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null
    $SUDO cupsenable OutletPDF
    $SUDO cupsaccept OutletPDF
fi
lpstat -v OutletPDF
