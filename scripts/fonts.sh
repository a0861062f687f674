#!/usr/bin/env bash
# The Chinese font the contract certificate PDF embeds (docs/decisions/0013-contract-certificate.md):
# Debian's fonts-wqy-microhei, installed with apt-get when run as root and missing; otherwise says how.
FONT=${CERTIFICATE_FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
[ -f "$FONT" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[fonts] installing fonts-wqy-microhei (Chinese font for the contract certificate PDF)" >&2
  (apt-get update -qq || true) >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
else
  echo "[fonts] $FONT is missing: certificate PDFs answer 503 until 'apt-get install fonts-wqy-microhei' (as root)" >&2
fi
