#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there, so that
# `npm start` and `npm test` work from a fresh clone on a fresh machine:
#   - a Rust toolchain for wasm32: rustup's target when installed, else Debian's rustc-web route
#     (rustup cannot download the target on these machines; see the README);
#   - wasm-bindgen-cli, exactly the version of the wasm-bindgen crate in Cargo.lock;
#   - Chromium and chromedriver from Debian, for the browser tests (skipped with SKIP_BROWSER=1);
#   - cargo-fuzz, for the fuzz smoke (skipped with SKIP_FUZZ=1);
#   - the npm dev dependencies, from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*" >&2; }

apt_missing=()
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || apt_missing+=("$1"); }

sysroot=$(rustc --print sysroot 2>/dev/null || true)
if [ -z "$sysroot" ] || [ ! -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ]; then
  for p in rustc-web cargo-web rust-web-src lld-19; do need_apt "$p"; done
fi
if [ "${SKIP_BROWSER:-0}" != 1 ]; then
  for p in chromium chromium-driver; do need_apt "$p"; done
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${apt_missing[*]}; install them (as root) or add the rustup wasm32 target"
    exit 1
  fi
  log "installing ${apt_missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly, or its output does not load.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (about 5 minutes, once)"
  # --locked first, for the versions the CLI was released with; the registry mirror here lacks
  # some of them (webpki-roots 1.0.11), so fall back to fresh resolution within the CLI's ranges.
  cargo install wasm-bindgen-cli --version "=$want" --locked --quiet 2>/dev/null ||
    cargo install wasm-bindgen-cli --version "=$want" --quiet
fi

# cargo-fuzz, for the fuzz smoke in npm test (skipped with SKIP_FUZZ=1).
if [ "${SKIP_FUZZ:-0}" != 1 ] && ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz (about 2 minutes, once)"
  cargo install cargo-fuzz --locked --quiet 2>/dev/null || cargo install cargo-fuzz --quiet
fi

# npm dependencies: reinstall when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
