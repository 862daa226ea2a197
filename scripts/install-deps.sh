#!/bin/sh
# Installs every build, test and benchmark dependency of storyline from Debian packages.
# Usage: sudo scripts/install-deps.sh          (core: build + tests)
#        sudo scripts/install-deps.sh --bench  (also the peers compared in bench/)
set -eu
pkgs="build-essential pkg-config clang libclang-rt-14-dev
      libutf8proc-dev libstemmer-dev libexttextcat-dev libexttextcat-data
      libsqlite3-dev sqlite3 zlib1g-dev libjansson-dev libxxhash-dev
      liblingua-stopwords-perl
      libxml2-dev libmicrohttpd-dev libcurl4-openssl-dev libpq-dev"
bench_pkgs="hyperfine time"
if [ "${1:-}" = "--bench" ]; then pkgs="$pkgs $bench_pkgs"; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
echo "install-deps: ok"
