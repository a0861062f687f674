#!/usr/bin/env bash
# The browser tests drive Debian's chromium (playwright-core downloads no browser) with a Chinese
# font (fonts-wqy-microhei), installed with apt-get when run as root and missing; otherwise says how.
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
[ -x "$CHROMIUM" ] && [ -f "$FONT" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[chromium] installing chromium and fonts-wqy-microhei for the browser tests" >&2
  (apt-get update -qq || true) >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
else
  echo "[chromium] $CHROMIUM or $FONT is missing: 'apt-get install chromium fonts-wqy-microhei' (as root)" >&2
fi
