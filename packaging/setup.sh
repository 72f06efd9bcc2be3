#!/usr/bin/env bash
# Sets up Facefolio on a Debian machine and builds it:
#   1. installs the Debian packages it needs (only those missing; the tests
#      and benchmarks compare DBSCAN with python3-sklearn's),
#   2. fetches the pinned encoder (dlib and ArcFace) and SSD detector weights and the sample
#      photos (fetch-models.sh),
#   3. configures and builds the release preset into build/release.
# Re-running it is quick: each step skips what is already in place.
# Options: --no-build (steps 1–2 only).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
    case "$arg" in
    --no-build) build=0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev libqt6sql6-sqlite libsqlite3-dev qt6-image-formats-plugins
    libdlib-dev libdlib-data libopenblas-dev liblapack-dev
    libopencv-dev libheif-dev libjpeg-dev libpng-dev libexiv2-dev
    qt6-svg-dev desktop-file-utils appstream
    qt6-tools-dev qt6-l10n-tools qt6-translations-l10n fonts-nanum
    python3-sklearn
)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

bash packaging/fetch-models.sh

if [ "$build" -eq 1 ]; then
    [ -f build/release/CMakeCache.txt ] || cmake --preset release
    cmake --build --preset release
fi
