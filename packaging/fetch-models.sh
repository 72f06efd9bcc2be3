#!/usr/bin/env bash
# Installs the model weights and the sample photos from pinned npm packages,
# after checking the SHA-256 of each model file against packaging/models.sha256:
#   - @vladmandic/face-api (the "# version" line): the dlib encoder and SSD
#     detector weights, and the sample photos of its demo/ folder;
#   - the "# arcface PACKAGE VERSION" line's package: the ArcFace-class
#     encoder fr_feature.onnx.
#   weights: $FACEFOLIO_MODELS, else $XDG_DATA_HOME/facefolio/models
#   samples: $XDG_DATA_HOME/facefolio/samples   (XDG_DATA_HOME defaults to ~/.local/share)
# Each package is fetched only when something it provides is missing or
# damaged; with everything installed and intact it does nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pins="$here/models.sha256"
# Installed as facefolio-fetch-models, the pins live in the data dir.
[ -f "$pins" ] || pins="$here/../share/facefolio/models.sha256"
version="$(sed -n 's/^# version //p' "$pins")"
arcface_package="$(sed -n 's/^# arcface \([^ ]*\) [^ ]*$/\1/p' "$pins")"
arcface_version="$(sed -n 's/^# arcface [^ ]* \([^ ]*\)$/\1/p' "$pins")"
if [ -z "$version" ] || [ -z "$arcface_package" ] || [ -z "$arcface_version" ]; then
    echo "setup: $pins names no package version" >&2
    exit 1
fi
data="${XDG_DATA_HOME:-$HOME/.local/share}/facefolio"
models="${FACEFOLIO_MODELS:-$data/models}"
samples="$data/samples"

# The digest lines of face-api's files (before the "# arcface" line) and of
# the ArcFace package's (after it).
faceapi_pins() { awk '/^# arcface /{exit} /^[0-9a-f]+  /' "$pins"; }
arcface_pins() { awk '/^# arcface /{on=1; next} on && /^[0-9a-f]+  /' "$pins"; }

# Whether directory $1 holds intact copies of the files whose pins are on stdin.
intact() {
    (cd "$1" 2>/dev/null && sha256sum --quiet -c - >/dev/null 2>&1)
}

faceapi_ok() { faceapi_pins | intact "$models" && [ -f "$samples/sample1.jpg" ]; }
arcface_ok() { arcface_pins | intact "$models"; }

# Copies the files named by the pins on stdin from $1 into the models dir,
# each to a hidden name first and renamed into place, so an interrupted
# set-up never leaves half a file.
install_files() {
    mkdir -p "$models"
    awk '{print $2}' | while read -r f; do
        cp "$1/$f" "$models/.$f.part"
        mv -f "$models/.$f.part" "$models/$f"
    done
}

if faceapi_ok && arcface_ok; then
    echo "setup: models and samples already installed in $models and $samples"
    exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if ! faceapi_ok; then
    echo "setup: fetching @vladmandic/face-api@$version"
    mkdir "$tmp/faceapi"
    (cd "$tmp/faceapi" && npm pack --silent "@vladmandic/face-api@$version" >/dev/null)
    mapfile -t wanted < <(faceapi_pins | awk '{print "package/model/" $2}')
    tar -xzf "$tmp"/faceapi/vladmandic-face-api-"$version".tgz -C "$tmp/faceapi" \
        "${wanted[@]}" package/demo
    if ! faceapi_pins | (cd "$tmp/faceapi/package/model" && sha256sum --quiet -c -); then
        echo "setup: the downloaded face-api weights do not match the pinned SHA-256;" \
            "refusing to install them" >&2
        exit 1
    fi
    faceapi_pins | install_files "$tmp/faceapi/package/model"
    mkdir -p "$samples"
    find "$tmp/faceapi/package/demo" -maxdepth 1 -type f \( -name '*.jpg' -o -name '*.png' \) \
        -exec cp -f {} "$samples/" \;
fi

if ! arcface_ok; then
    echo "setup: fetching $arcface_package@$arcface_version"
    mkdir "$tmp/arcface"
    (cd "$tmp/arcface" && npm pack --silent "$arcface_package@$arcface_version" >/dev/null)
    # npm names the tarball after the package, a scope's @ dropped and its / a dash.
    tarball="$(echo "$arcface_package" | sed 's/^@//; s|/|-|')-$arcface_version.tgz"
    mapfile -t wanted < <(arcface_pins | awk '{print "package/model/" $2}')
    tar -xzf "$tmp/arcface/$tarball" -C "$tmp/arcface" "${wanted[@]}"
    if ! arcface_pins | (cd "$tmp/arcface/package/model" && sha256sum --quiet -c -); then
        echo "setup: the downloaded ArcFace model does not match the pinned SHA-256;" \
            "refusing to install it" >&2
        exit 1
    fi
    arcface_pins | install_files "$tmp/arcface/package/model"
fi

if ! faceapi_ok || ! arcface_ok; then
    echo "setup: installed weights fail their check" >&2
    exit 1
fi
echo "setup: weights in $models, sample photos in $samples"
