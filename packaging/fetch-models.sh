#!/usr/bin/env bash
# Installs the encoder and SSD detector weights and the sample photos from the pinned npm
# package @vladmandic/face-api, after checking the SHA-256 of each model file
# against packaging/models.sha256.
#   weights: $FACEFOLIO_MODELS, else $XDG_DATA_HOME/facefolio/models
#   samples: $XDG_DATA_HOME/facefolio/samples   (XDG_DATA_HOME defaults to ~/.local/share)
# Does nothing when both are already installed and intact.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pins="$here/models.sha256"
# Installed as facefolio-fetch-models, the pins live in the data dir.
[ -f "$pins" ] || pins="$here/../share/facefolio/models.sha256"
version="$(sed -n 's/^# version //p' "$pins")"
data="${XDG_DATA_HOME:-$HOME/.local/share}/facefolio"
models="${FACEFOLIO_MODELS:-$data/models}"
samples="$data/samples"

models_ok() {
    (cd "$models" 2>/dev/null && grep -v '^#' "$pins" | sha256sum --quiet -c - >/dev/null 2>&1)
}

if models_ok && [ -f "$samples/sample1.jpg" ]; then
    echo "setup: models and samples already installed in $models and $samples"
    exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "setup: fetching @vladmandic/face-api@$version"
(cd "$tmp" && npm pack --silent "@vladmandic/face-api@$version" >/dev/null)
tar -xzf "$tmp"/vladmandic-face-api-"$version".tgz -C "$tmp" \
    package/model/face_recognition_model.bin \
    package/model/face_recognition_model-weights_manifest.json \
    package/model/ssd_mobilenetv1_model.bin \
    package/model/ssd_mobilenetv1_model-weights_manifest.json \
    package/demo

if ! (cd "$tmp/package/model" && grep -v '^#' "$pins" | sha256sum --quiet -c -); then
    echo "setup: the downloaded weights do not match the pinned SHA-256; refusing to install them" >&2
    exit 1
fi

mkdir -p "$models" "$samples"
for f in $(grep -v '^#' "$pins" | awk '{print $2}'); do
    # Copy then rename, so an interrupted set-up never leaves half a file.
    cp "$tmp/package/model/$f" "$models/.$f.part"
    mv -f "$models/.$f.part" "$models/$f"
done
find "$tmp/package/demo" -maxdepth 1 -type f \( -name '*.jpg' -o -name '*.png' \) \
    -exec cp -f {} "$samples/" \;
models_ok || { echo "setup: installed weights fail their check" >&2; exit 1; }
echo "setup: weights in $models, sample photos in $samples"
