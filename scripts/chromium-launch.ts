/**
 * Debian's Chromium as the browser tests and the console benchmark drive it (playwright-core):
 * headless, and kept off the network (no QUIC, no background fetches, no component updates).
 * `scripts/chromium.sh` installs it and the Chinese font when missing.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
