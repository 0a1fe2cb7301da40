#!/bin/sh
# Installs the Debian packages sayso needs to build and test, only those missing.
# Runs apt-get directly as root, through sudo otherwise; does nothing if all are present.
set -eu
PKGS="build-essential pkg-config clang libclang-rt-dev libjson-c-dev libutf8proc-dev libcmocka-dev \
libsqlite3-dev libmicrohttpd-dev zlib1g-dev libzstd-dev python3 curl time"
[ "${SAYSO_EXTRA_DEPS:-}" ] && PKGS="$PKGS $SAYSO_EXTRA_DEPS"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "sayso: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "sayso: error: need root or sudo to install:$missing" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
